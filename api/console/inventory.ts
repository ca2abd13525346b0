import type { Knex } from 'knex';
import { z } from 'zod';
import { auditInventory } from '../../store/audit-inventory';
import { parseCursor } from '../../store/keyset-page';
import { listMovements } from '../../store/movement-log';
import { changeStock, readProduct, toProduct } from '../../store/product-store';
import { staffNames } from '../../store/staff-store';
import type { ApiDeps, App } from '../context';
import { StockChange } from '../schemas/catalogue';
import { numberField, parseForm, type FieldErrors } from './forms';
import { fromHtmx, render } from './render';
import { may, signedIn } from './session';

const Params = z.object({ id: z.string().min(1).max(64) });
const ListFilter = z.object({ low: z.literal('on').optional().catch(undefined), offset: z.coerce.number().int().min(0).max(1_000_000).catch(0) });
/** stock_on_hand is an INT column, as the API's stock route says. */
const MAX_STOCK_ON_HAND = 2_147_483_647;
const PAGE = 100;

/** Products by SKU with on hand / reserved / available; `low` keeps those available at or under their threshold. */
async function productRows(db: Knex, low: boolean, offset: number) {
  const q = db('products').orderBy('sku').limit(PAGE + 1).offset(offset);
  // As the home page counts them: a discontinued product is not restocked, so it is never "low".
  if (low) q.whereRaw('stock_on_hand - stock_reserved <= low_stock_threshold').whereNot('status', 'discontinued');
  const rows = await q;
  return { rows: rows.slice(0, PAGE).map(toProduct), more: rows.length > PAGE };
}

/**
 * Inventory: the product list, one product with its movement ledger, a stock
 * adjustment with a reason (the API's StockChange; refused below what is
 * reserved, as the API refuses it), and the inventory audit.
 */
export function inventoryPages(app: App, { db }: ApiDeps): void {
  const productPage = async (id: string, cursor: string | undefined) => {
    const product = await readProduct(db, id);
    if (!product) return null;
    const ledger = await listMovements(db, id, 50, cursor ? parseCursor(cursor) : null);
    const names = await staffNames(db, ledger.data.map((m) => m.actor.id));
    return { product, ledger: ledger.data.map((m) => ({ ...m, actorName: (m.actor.id && names.get(m.actor.id)) ?? m.actor.id ?? m.actor.type })), nextCursor: ledger.nextCursor };
  };

  app.get('/admin/inventory', { preHandler: signedIn }, async (req, reply) => {
    const f = ListFilter.parse(req.query ?? {});
    const { rows, more } = await productRows(db, f.low === 'on', f.offset);
    const base = f.low ? '/admin/inventory?low=on&' : '/admin/inventory?';
    return render(req, reply, 'inventory', { rows, low: f.low === 'on', nextHref: more ? `${base}offset=${f.offset + PAGE}` : null });
  });

  app.get('/admin/inventory/audit', { preHandler: signedIn }, async (req, reply) => render(req, reply, 'audit', { report: await auditInventory(db) }));

  app.get('/admin/inventory/:id', { preHandler: signedIn }, async (req, reply) => {
    const { id } = Params.parse(req.params);
    const page = await productPage(id, (req.query as { cursor?: string }).cursor?.slice(0, 200));
    if (!page) return render(req, reply, 'not-found', { what: `product ${id}` }, 404);
    return render(req, reply, 'product', { ...page, errors: {}, values: {}, message: null, flash: null });
  });

  app.post('/admin/inventory/:id/stock', { preHandler: [signedIn, app.csrfProtection, may('act')] }, async (req, reply) => {
    const { id } = Params.parse(req.params);
    const page = await productPage(id, undefined);
    if (!page) return render(req, reply, 'not-found', { what: `product ${id}` }, 404);
    const view = fromHtmx(req) ? 'product-body' : 'product';
    const again = (status: number, message: string | null, errors: FieldErrors, values: Record<string, unknown>) =>
      render(req, reply, view, { ...page, errors, values, message, flash: null }, status);
    const form = parseForm(StockChange, req.body, (f) => ({ ...f, delta: numberField(f.delta) }));
    if (!form.ok) return again(400, 'Check the fields below.', form.errors, form.values);
    const { delta, reason } = form.data;
    if (page.product.stockOnHand + delta > MAX_STOCK_ON_HAND) return again(409, `Stock on hand cannot exceed ${MAX_STOCK_ON_HAND}.`, {}, form.data);
    const outcome = await changeStock(db, id, { delta, reason }, { type: 'admin', id: req.staff!.id });
    if (outcome === 'below_reserved') {
      const p = page.product;
      return again(409, `Refused: on hand would be ${p.stockOnHand + delta}, below the ${p.stockReserved} reserved for orders. Nothing changed.`, { delta: 'Below what is reserved' }, form.data);
    }
    if (!fromHtmx(req)) return reply.redirect(`/admin/inventory/${encodeURIComponent(id)}`, 303);
    const fresh = (await productPage(id, undefined))!;
    return render(req, reply, 'product-body', { ...fresh, errors: {}, values: {}, message: null, flash: `Stock changed by ${delta > 0 ? '+' : ''}${delta}.` });
  });
}
