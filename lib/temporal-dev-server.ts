import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { SEARCH_ATTRIBUTES } from '../workflows/contract';

/**
 * Starts the Temporal CLI's dev server, for `npm start` and for the tests.
 * It registers our custom search attributes and lets Update-with-Start
 * through on servers that still gate it behind dynamic config.
 */
export interface DevServer {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
}

export function temporalCliPath(): string {
  const script = path.join(__dirname, '..', 'scripts', 'temporal-cli.sh');
  return execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/**
 * SQLite pragmas for the dev server's state file. SQLite's defaults (a rollback
 * journal, a sync to disk on every commit) cost about half the throughput of a
 * file kept in WAL mode with `synchronous=normal` (docs/performance.md). The
 * trade: after a power cut or an OS crash the last moments of Temporal state
 * can be lost; a crash of the process itself loses nothing, since committed
 * transactions are already in the WAL file.
 */
export const DEFAULT_SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=normal'];
const Env = z.object({
  // Comma-separated `name=value`; set and empty means none (SQLite's defaults).
  TEMPORAL_SQLITE_PRAGMAS: z
    .string()
    .transform((text) => text.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z_]+=[A-Za-z0-9_-]+$/, 'takes comma-separated name=value pairs, e.g. journal_mode=wal,synchronous=normal')))
    .default(DEFAULT_SQLITE_PRAGMAS),
});

/** The pragmas TEMPORAL_SQLITE_PRAGMAS asks for, or the defaults above; a malformed one is a ZodError naming the variable. */
export function sqlitePragmas(env: NodeJS.ProcessEnv = process.env): string[] {
  return Env.parse(env).TEMPORAL_SQLITE_PRAGMAS;
}

export async function startDevServer(opts: { port: number; uiPort?: number; dbFile?: string; sqlitePragmas?: string[]; log?: (line: string) => void }): Promise<DevServer> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'warn'];
  args.push(...(opts.uiPort ? ['--ui-port', String(opts.uiPort)] : ['--headless']));
  // Pragmas tune the state file; without one the state is in memory and they have nothing to do.
  if (opts.dbFile) args.push('--db-filename', opts.dbFile, ...(opts.sqlitePragmas ?? sqlitePragmas()).flatMap((p) => ['--sqlite-pragma', p]));
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  args.push('--dynamic-config-value', 'frontend.enableExecuteMultiOperation=true');
  args.push('--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true');
  const child: ChildProcess = spawn(temporalCliPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      lines.push(line);
      opts.log?.(line);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const address = `127.0.0.1:${opts.port}`;
  await waitForPort(opts.port, 60_000, () => child.exitCode !== null, () => lines.slice(-20).join('\n'));
  return {
    address,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : null,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function waitForPort(port: number, timeoutMs: number, exited: () => boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`Temporal dev server exited:\n${output()}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Temporal dev server did not listen on ${port} within ${timeoutMs} ms:\n${output()}`);
}

export function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
