import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/**
 * One part of the production shape (the Temporal server, an API, a worker) as
 * a real process in a process group of its own: Ctrl+C in the terminal
 * reaches only the stack, which then stops each part in order, and stopping a
 * group also stops what its leader started (the server under its script).
 * Output goes to a log file; the last part of it stays in memory to wait on.
 */
export interface GroupProcess {
  name: string;
  pid: number;
  logFile: string;
  /** the newest output, for waiting and for error messages */
  output(): string;
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** resolves when the process has exited, with how */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  /** SIGTERM to the group, then SIGKILL after graceMs; resolves once it has exited */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const KEEP_CHARS = 256 * 1024;

export function startGroup(name: string, command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): GroupProcess {
  const log = fs.createWriteStream(opts.logFile, { flags: 'a' });
  const child: ChildProcess = spawn(command, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const collect = (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString()).slice(-KEEP_CHARS);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      // 'close' comes after the pipes are drained, so the log file has everything.
      child.once('close', () => log.end(() => resolve({ code, signal })));
    });
    child.once('error', (err) => {
      tail += `\n${err.message}`;
      log.end(() => resolve({ code: null, signal: null }));
    });
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone already
    }
  };

  return {
    name,
    pid: child.pid!,
    logFile: opts.logFile,
    output: () => tail,
    exited,
    running,
    async waitFor(text, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (!tail.includes(text)) {
        if (!running()) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before "${text}"; see ${opts.logFile}:\n${tail.slice(-4000)}`);
        if (Date.now() > deadline) throw new Error(`${name}: no "${text}" within ${timeoutMs} ms; see ${opts.logFile}:\n${tail.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop(graceMs = 30_000) {
      if (running()) signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
        // Whatever the leader left behind in its group goes too.
        signalGroup('SIGKILL');
      }
    },
  };
}
