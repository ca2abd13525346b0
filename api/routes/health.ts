import type { Connection } from '@temporalio/client';
import type { ApiDeps, App } from '../context';
import { sendProblem } from '../problem';

const READY_WITHIN_MS = 2_000;

/** Rejects when the work has not settled in time (the work itself goes on and is ignored). */
function within<T>(ms: number, work: PromiseLike<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([Promise.resolve(work), late]).finally(() => clearTimeout(timer));
}

export function healthRoutes(app: App, { db, client }: ApiDeps): void {
  app.get('/healthz', { schema: { tags: ['service'] } }, async () => ({ status: 'ok' }));

  /**
   * Ready when both the database and Temporal answer within READY_WITHIN_MS; 503 otherwise (safe for a load
   * balancer to retry). Without a bound the check would wait out the Temporal client's own retries (about 18 s).
   */
  app.get('/readyz', { schema: { tags: ['service'] } }, async (_req, reply) => {
    const deadline = Date.now() + READY_WITHIN_MS;
    const [database, temporal] = await Promise.all([
      within(READY_WITHIN_MS, db.raw('select 1')).then(() => 'ok', () => 'unreachable'),
      client.withDeadline(deadline, () => (client.connection as Connection).healthService.check({})).then(() => 'ok', () => 'unreachable'),
    ]);
    if (database === 'ok' && temporal === 'ok') return { status: 'ready', database, temporal };
    return sendProblem(reply, 503, 'UNAVAILABLE', `database: ${database}, temporal: ${temporal}`);
  });
}
