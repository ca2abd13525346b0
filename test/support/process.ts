import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/**
 * One of Orderly's entry points run as a real process, in a process group of
 * its own (as a terminal runs it), so a test can send Ctrl+C to the whole group
 * the way a terminal does, or a signal to the process alone the way a
 * container runtime does, and can always clean the group up afterwards.
 */
export interface Started {
  child: ChildProcess;
  output(): string;
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  exited(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** SIGKILL whatever of the group is still alive. */
  kill(): void;
}

export function startEntryPoint(script: string, env: Record<string, string>): Started {
  return startProcess(process.execPath, ['--import', 'tsx', script], env);
}

/** `npm start` itself, in a process group of its own as a terminal would run it. */
export function startNpmStart(env: Record<string, string>): Started {
  return startProcess('npm', ['start', '--silent'], env);
}

function startProcess(command: string, args: string[], env: Record<string, string>): Started {
  const root = path.join(__dirname, '..', '..');
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));

  return {
    child,
    output: () => output,
    async waitFor(text, timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited (${child.exitCode ?? child.signalCode}) before "${text}":\n${output}`);
        if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async exited(timeoutMs = 30_000) {
      const since = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`still running ${timeoutMs} ms after the signal:\n${output}`)), timeoutMs);
      });
      try {
        const { code, signal, at } = await Promise.race([exit, timeout]);
        return { code, signal, ms: at - since };
      } finally {
        clearTimeout(timer);
      }
    },
    kill() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the group is gone already
      }
    },
  };
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
