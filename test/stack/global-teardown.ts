import { shapeState, stopShape } from '../support/stack-shape';

/** Stops every part the run started or restarted; the logs stay in the run's folder for a look after a failure. */
export default async function globalTeardown(): Promise<void> {
  if (process.env.STACK_STATE_FILE) await stopShape(shapeState());
}
