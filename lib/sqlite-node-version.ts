/** The oldest Node major that better-sqlite3 13, the embedded mode's driver, runs on. */
export const SQLITE_MIN_NODE_MAJOR = 22;

/**
 * Refuses the embedded SQLite mode on a Node too old for its driver, by name. On Node 20
 * better-sqlite3 13 loads, then kills the process with a segmentation fault at the first
 * statement, which says nothing about why (docs/pitfalls.md, Install and toolchain).
 */
export function assertNodeRunsSqlite(version: string = process.versions.node): void {
  const major = Number(version.split('.')[0]);
  if (major >= SQLITE_MIN_NODE_MAJOR) return;
  throw new Error(
    `The embedded SQLite mode needs Node ${SQLITE_MIN_NODE_MAJOR} or newer; this is Node ${version}. ` +
      'Run Orderly through npm (npm start, npm test, npm run ...), which uses the Node 24 that package.json installs ' +
      '(or `npx node ...`), or install Node 22 or 24, or set DATABASE_URL to MySQL/MariaDB.',
  );
}
