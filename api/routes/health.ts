import type { Connection } from '@temporalio/client';
import type { ApiDeps, App } from '../context';
import { sendProblem } from '../problem';
import { operation } from '../openapi/operation';
import { Health, Readiness } from '../schemas/operations-view';

const READY_WITHIN_MS = 2_000;

/** Rejects when the work has not settled in time (the work itself goes on and is ignored). */
function within<T>(ms: number, work: PromiseLike<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([Promise.resolve(work), late]).finally(() => clearTimeout(timer));
}

export function healthRoutes(app: App, { db, client }: ApiDeps): void {
  app.get('/healthz', { schema: operation({ operationId: 'getHealth', summary: 'Liveness: the process is up', tags: ['service'], access: 'public', probe: true, ok: { schema: Health, description: 'Up' } }) }, async () => ({ status: 'ok' }));

  /**
   * Ready when both the database and Temporal answer within READY_WITHIN_MS; 503 otherwise (safe for a load
   * balancer to retry). Without a bound the check would wait out the Temporal client's own retries (about 18 s).
   */
  app.get('/readyz', { schema: operation({ operationId: 'getReadiness', summary: 'Readiness: the database and Temporal answer', tags: ['service'], access: 'public', probe: true, ok: { schema: Readiness, description: 'Ready' }, problems: ['UNAVAILABLE'] }) }, async (_req, reply) => {
    const deadline = Date.now() + READY_WITHIN_MS;
    const [database, temporal] = await Promise.all([
      within(READY_WITHIN_MS, db.raw('select 1')).then(() => 'ok', () => 'unreachable'),
      client.withDeadline(deadline, () => (client.connection as Connection).healthService.check({})).then(() => 'ok', () => 'unreachable'),
    ]);
    if (database === 'ok' && temporal === 'ok') return { status: 'ready', database, temporal };
    return sendProblem(reply, 503, 'UNAVAILABLE', `database: ${database}, temporal: ${temporal}`);
  });
}
