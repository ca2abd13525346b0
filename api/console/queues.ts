import { readQueues } from '../../store/console/queues';
import type { ApiDeps, App } from '../context';
import { render } from './render';
import { signedIn } from './session';

/** A reservation that runs out within this many minutes is "expiring soon". */
const SOON_MINUTES = 15;

/**
 * The lists staff clear during the day, each row with the one action that
 * clears it: verify a held order, confirm one about to expire, resolve the
 * error of one that needs attention.
 */
export function queuePages(app: App, { db }: ApiDeps): void {
  app.get('/admin/queues', { preHandler: signedIn }, async (req, reply) => {
    return render(req, reply, 'queues', { q: await readQueues(db, SOON_MINUTES), soonMinutes: SOON_MINUTES });
  });
}
