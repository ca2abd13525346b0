import type { Connection } from '@temporalio/client';
import type { ApiDeps, App } from '../context';
import { sendProblem } from '../problem';

export function healthRoutes(app: App, { db, client }: ApiDeps): void {
  app.get('/healthz', { schema: { tags: ['service'] } }, async () => ({ status: 'ok' }));

  /** Ready when both the database and Temporal answer; 503 otherwise (safe for a load balancer to retry). */
  app.get('/readyz', { schema: { tags: ['service'] } }, async (_req, reply) => {
    const [database, temporal] = await Promise.all([
      db.raw('select 1').then(() => 'ok', () => 'unreachable'),
      (client.connection as Connection).healthService.check({}).then(() => 'ok', () => 'unreachable'),
    ]);
    if (database === 'ok' && temporal === 'ok') return { status: 'ready', database, temporal };
    return sendProblem(reply, 503, 'UNAVAILABLE', `database: ${database}, temporal: ${temporal}`);
  });
}
