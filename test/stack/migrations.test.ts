import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import knex from 'knex';
import { root, shapeState } from '../support/stack-shape';

/** A database of its own next to the shape's, so its migrations can be run from scratch. */
const databaseUrl = (() => {
  const url = new URL(shapeState().settings.env.DATABASE_URL);
  url.pathname = `${url.pathname}_migrations`;
  return url.toString();
})();

async function recreate(): Promise<void> {
  const url = new URL(databaseUrl);
  const admin = knex({ client: 'mysql2', connection: { host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username) } });
  const name = url.pathname.slice(1);
  await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
  await admin.raw('CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci', [name]);
  await admin.destroy();
}

const migrate = (args: string[]) => promisify(execFile)(process.execPath, args, { cwd: root(), env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl } });

describe('migrations across the TypeScript sources and the compiled build', () => {
  it('lets the compiled build migrate a database the sources migrated, and the other way round', async () => {
    await recreate();
    await migrate(['--import', 'tsx', 'scripts/migrate.ts']);
    const compiled = await migrate([path.join('dist', 'scripts', 'migrate.js')]);
    expect(compiled.stdout).toContain('database already up to date');

    await recreate();
    await migrate([path.join('dist', 'scripts', 'migrate.js')]);
    const source = await migrate(['--import', 'tsx', 'scripts/migrate.ts']);
    expect(source.stdout).toContain('database already up to date');
  });
});
