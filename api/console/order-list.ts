import { z } from 'zod';
import { ORDER_STATUSES } from '../../domain/order-status';
import { PAYMENT_METHODS } from '../../domain/payment';
import { countMatchesByStatus, searchOrders } from '../../store/console/order-search';
import { parseCursor } from '../../store/keyset-page';
import type { ApiDeps, App } from '../context';
import { render } from './render';
import { signedIn } from './session';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A filter that does not parse is dropped, not refused: the page still shows, with that filter off. */
const OrderFilters = z.object({
  q: z.string().trim().max(254).optional().catch(undefined),
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  paymentMethod: z.enum(PAYMENT_METHODS).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  needsAttention: z.literal('on').optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  per: z.coerce.number().int().min(1).max(200).optional().catch(undefined),
});

const PAGE = 50;

/** Orders: search (id, e-mail, phone, SKU), filters, counts per status, keyset pages of 50 (`per` changes it). */
export function orderListPage(app: App, { db }: ApiDeps): void {
  app.get('/admin/orders', { preHandler: signedIn }, async (req, reply) => {
    const f = OrderFilters.parse(req.query ?? {});
    const search = { q: f.q || undefined, status: f.status, paymentMethod: f.paymentMethod, from: f.from, to: f.to, needsAttention: f.needsAttention === 'on' };
    const cursor = f.cursor ? parseCursor(f.cursor) : null;
    const [page, counts] = await Promise.all([searchOrders(db, search, f.per ?? PAGE, cursor), countMatchesByStatus(db, search)]);
    const params = (extra: Record<string, string | undefined>) =>
      new URLSearchParams(Object.entries({ ...f, per: f.per?.toString(), cursor: undefined, ...extra }).filter((e): e is [string, string] => !!e[1])).toString();
    return render(req, reply, 'orders', {
      f,
      rows: page.data,
      statuses: ORDER_STATUSES,
      paymentMethods: PAYMENT_METHODS,
      counts: ORDER_STATUSES.map((s) => ({ status: s, n: counts.get(s) ?? 0, href: `/admin/orders?${params({ status: s })}` })),
      allHref: `/admin/orders?${params({ status: undefined })}`,
      total: [...counts.values()].reduce((a, b) => a + b, 0),
      nextHref: page.nextCursor ? `/admin/orders?${params({ cursor: page.nextCursor })}` : null,
    });
  });
}
