import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');

export interface Proc {
  child: ChildProcess;
  /** the last lines it wrote, for a failure message */
  output(): string;
}

/**
 * A TypeScript entry point as its own process in its own process group:
 * `node --import tsx`, not the tsx CLI, whose forked child a SIGKILL would
 * leave running.
 */
export function spawnTs(entry: string, env: Record<string, string | undefined>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, lines.length - 20);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => lines.slice(-20).join('\n') };
}

/** SIGKILL the process group (nothing gets to clean up) and wait until it is gone. */
export function killHard(proc: Proc): Promise<void> {
  return new Promise((resolve) => {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) return resolve();
    proc.child.once('exit', () => resolve());
    process.kill(-proc.child.pid!, 'SIGKILL');
  });
}


/** Polls a directory until `count` files start with `prefix`. */
export async function waitForMarkers(dir: string, prefix: string, count: number, timeoutMs: number, proc?: Proc): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = fs.readdirSync(dir).filter((f) => f.startsWith(prefix));
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`${found.length}/${count} steps reached ${prefix} within ${timeoutMs} ms\n${proc?.output() ?? ''}`);
    if (proc && proc.child.exitCode !== null) throw new Error(`the process exited (${proc.child.exitCode}) before ${prefix}\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The pid of this process's child whose command line has `flag value`, for a
 * child a library spawned and does not hand out (the Temporal dev server of
 * lib/temporal-dev-server.ts), so a test can SIGKILL exactly that process.
 */
export function childPidWith(flag: string, value: string): number {
  for (const entry of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, ...
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.some((a, i) => a === flag && argv[i + 1] === value)) return Number(entry);
    } catch {
      // it ended while we looked
    }
  }
  throw new Error(`no child process of ${process.pid} runs with ${flag} ${value}`);
}
