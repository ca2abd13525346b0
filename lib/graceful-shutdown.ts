import os from 'node:os';
import type { Logger } from 'pino';

type Step = { name: string; run: () => unknown };
const DUPLICATE_MS = 250;

/**
 * Stops a process once and in order. Each part registers its undo right after
 * it has started (`defer`); they run last-in first-out, so the API stops
 * accepting before the worker drains, and the database and the dev server go
 * last. The first SIGINT or SIGTERM starts it; a second one exits at once
 * (Ctrl+C twice when a step hangs). One Ctrl+C often arrives twice within
 * milliseconds (the terminal signals the whole process group, and `npm start`
 * forwards what it got to its child): a repeat within DUPLICATE_MS is the same
 * request, not a second one. A failing step is logged and the rest
 * still run; the exit code is then 1.
 */
export class GracefulShutdown {
  private readonly steps: Step[] = [];
  private stopping: Promise<never> | null = null;
  private firstSignalAt = 0;

  constructor(private readonly log: Logger) {}

  defer(name: string, run: () => unknown): void {
    this.steps.push({ name, run });
  }

  /** The SDK's own signal hook must be off (workers/telemetry.ts), or it drains the worker first. */
  onSignals(signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): void {
    const handle = (signal: NodeJS.Signals) => {
      if (this.stopping && Date.now() - this.firstSignalAt < DUPLICATE_MS) return;
      if (this.stopping) {
        this.log.warn({ signal }, 'second signal: exiting without finishing the shutdown');
        process.exit(128 + (os.constants.signals[signal] ?? 0));
      }
      this.firstSignalAt = Date.now();
      this.log.info({ signal }, 'shutting down');
      void this.stop(0);
    };
    for (const signal of signals) process.on(signal, handle);
  }

  /** Runs every step once and exits; later calls wait for the first. */
  stop(exitCode: number): Promise<never> {
    this.stopping ??= this.runSteps(exitCode);
    return this.stopping;
  }

  private async runSteps(exitCode: number): Promise<never> {
    let code = exitCode;
    for (const step of [...this.steps].reverse()) {
      try {
        await step.run();
        this.log.info({ step: step.name }, 'stopped');
      } catch (err) {
        this.log.error({ err, step: step.name }, 'shutdown step failed');
        code = code || 1;
      }
    }
    process.exit(code);
  }
}
