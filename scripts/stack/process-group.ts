import { spawn } from 'node:child_process';
import fs from 'node:fs';

/**
 * One part of the production shape (the Temporal server, an API, a worker) as
 * a real process in a process group of its own: Ctrl+C in the terminal
 * reaches only the stack, which then stops each part in order, and stopping a
 * group also stops what its leader started (the server under its script).
 * Its output goes straight to a log file, so the part does not depend on the
 * process that started it (a test may start one and the teardown stop it);
 * the starter stays alive while it runs.
 */
export interface GroupProcess {
  name: string;
  pid: number;
  logFile: string;
  /** what the process has written since it started (the end of it) */
  output(): string;
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** resolves when the process has exited, with how */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  /** SIGTERM to the group, then SIGKILL after graceMs; resolves once it has exited */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startGroup(name: string, command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): GroupProcess {
  const fd = fs.openSync(opts.logFile, 'a');
  const from = fs.fstatSync(fd).size;
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  let failure = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (err) => {
      failure = err.message;
      resolve({ code: null, signal: null });
    });
  });
  let done = false;
  void exited.then(() => (done = true));
  const output = () => {
    const text = fs.readFileSync(opts.logFile);
    return text.subarray(Math.max(from, text.length - 64 * 1024)).toString() + failure;
  };
  const running = () => !done && child.exitCode === null && child.signalCode === null;

  return {
    name,
    pid: child.pid ?? -1,
    logFile: opts.logFile,
    output,
    exited,
    running,
    async waitFor(text, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (!output().includes(text)) {
        if (!running()) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode ?? failure}) before "${text}"; see ${opts.logFile}:\n${output().slice(-4000)}`);
        if (Date.now() > deadline) throw new Error(`${name}: no "${text}" within ${timeoutMs} ms; see ${opts.logFile}:\n${output().slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop(graceMs = 30_000) {
      if (running()) signalGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
        // Whatever the leader left behind in its group goes too.
        signalGroup(child.pid, 'SIGKILL');
      }
    },
  };
}

/** Signals a whole process group; false when it is gone already. */
export function signalGroup(pid: number | undefined, signal: NodeJS.Signals): boolean {
  if (!pid) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a group that another process started (only its pid is known): SIGTERM,
 * then SIGKILL once graceMs have passed. Resolves when the leader is gone.
 */
export async function stopGroupByPid(pid: number, graceMs = 30_000): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  signalGroup(pid, 'SIGKILL');
}
