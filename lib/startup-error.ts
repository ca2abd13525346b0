import { z } from 'zod';

/** How a process that cannot start says why: a configuration problem by variable name, anything else as it is. */
export function describeStartupError(err: unknown): string {
  if (err instanceof z.ZodError) return `The configuration is not valid:\n${z.prettifyError(err)}`;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
