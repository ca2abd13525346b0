import { v7 as uuid } from 'uuid';
import { normalizePhilippineMobile } from '../../domain/phone';
import { isUniqueViolation, readCustomer, readProduct, toCustomer, toProduct } from '../../store/catalogue-store';
import { adjustStock } from '../../store/stock';
import { actorOf, requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { Problem } from '../problem';
import { CustomerPatch, ListQuery, NewCustomer, NewProduct, ProductPatch, StockChange } from '../schemas/catalogue';
import { bearer, IdParams } from '../schemas/common';

/** stock_on_hand is an INT column: a restock past its largest value would fail in the database. */
const MAX_STOCK_ON_HAND = 2_147_483_647;

/** Catalogue and customer administration (admin only). */
export function catalogueRoutes(app: App, { db }: ApiDeps): void {
  const tags = ['catalogue'];
  const productOr404 = async (id: string) => (await readProduct(db, id)) ?? Promise.reject(new Problem('PRODUCT_NOT_FOUND', `Product ${id} not found`));
  const customerOr404 = async (id: string) => (await readCustomer(db, id)) ?? Promise.reject(new Problem('CUSTOMER_NOT_FOUND', `Customer ${id} not found`));
  const duplicate = (what: string) => (err: unknown) => {
    throw isUniqueViolation(err) ? new Problem('CONFLICT', `${what} already exists`) : err;
  };

  app.post('/v1/products', { config: { admin: true }, schema: { tags, security: bearer, body: NewProduct } }, async (req, reply) => {
    const claims = await requireAdmin(req);
    const b = req.body;
    const id = uuid();
    const now = new Date();
    await db.transaction(async (trx) => {
      await trx('products').insert({
        id, sku: b.sku, name: b.name, price_centavos: b.priceCentavos, status: b.status, stock_on_hand: 0, stock_reserved: 0,
        low_stock_threshold: b.lowStockThreshold ?? 10, created_at: now, updated_at: now,
      });
      // Opening stock goes through the ledger like any restock.
      if (b.stockOnHand > 0) await adjustStock(trx, id, b.stockOnHand, 'opening stock', actorOf(claims), now);
    }).catch(duplicate(`A product with SKU ${b.sku}`));
    return reply.status(201).send(await productOr404(id));
  });

  app.get('/v1/products', { config: { admin: true }, schema: { tags, security: bearer, querystring: ListQuery } }, async (req) => {
    await requireAdmin(req);
    const rows = await db('products').orderBy('sku').limit(req.query.limit).offset(req.query.offset);
    return { data: rows.map(toProduct) };
  });

  app.get('/v1/products/:id', { config: { admin: true }, schema: { tags, security: bearer, params: IdParams } }, async (req) => {
    await requireAdmin(req);
    return productOr404(req.params.id);
  });

  app.patch('/v1/products/:id', { config: { admin: true }, schema: { tags, security: bearer, params: IdParams, body: ProductPatch } }, async (req) => {
    await requireAdmin(req);
    await productOr404(req.params.id);
    const b = req.body;
    const changes = {
      ...(b.sku !== undefined && { sku: b.sku }),
      ...(b.name !== undefined && { name: b.name }),
      ...(b.priceCentavos !== undefined && { price_centavos: b.priceCentavos }),
      ...(b.status !== undefined && { status: b.status }),
      ...(b.lowStockThreshold !== undefined && { low_stock_threshold: b.lowStockThreshold }),
    };
    await db('products').where({ id: req.params.id }).update({ ...changes, updated_at: new Date() }).catch(duplicate('That SKU'));
    return productOr404(req.params.id);
  });

  app.post('/v1/products/:id/stock', { config: { admin: true }, schema: { tags, security: bearer, params: IdParams, body: StockChange } }, async (req) => {
    const claims = await requireAdmin(req);
    const current = await productOr404(req.params.id);
    if (current.stockOnHand + req.body.delta > MAX_STOCK_ON_HAND) throw new Problem('CONFLICT', `Stock on hand cannot exceed ${MAX_STOCK_ON_HAND}`);
    const ok = await db.transaction((trx) => adjustStock(trx, req.params.id, req.body.delta, req.body.reason, actorOf(claims), new Date()));
    if (!ok) throw new Problem('STOCK_BELOW_RESERVED', 'Stock on hand cannot go below what is reserved for orders');
    return productOr404(req.params.id);
  });

  const phoneOf = (raw: string | undefined) => {
    if (!raw) return null;
    const phone = normalizePhilippineMobile(raw);
    if (!phone.ok) throw new Problem('VALIDATION_ERROR', 'phone is not a Philippine mobile number', [{ code: 'INVALID_PHONE', field: 'phone', message: 'Use 09XXXXXXXXX or +639XXXXXXXXX', severity: 'error' }]);
    return phone.e164;
  };

  app.post('/v1/customers', { config: { admin: true }, schema: { tags, security: bearer, body: NewCustomer } }, async (req, reply) => {
    await requireAdmin(req);
    const b = req.body;
    const id = uuid();
    const now = new Date();
    await db('customers')
      .insert({ id, email: b.email.toLowerCase(), phone: phoneOf(b.phone), name: b.name, status: b.status, trusted: b.trusted, created_at: now, updated_at: now })
      .catch(duplicate(`A customer with e-mail ${b.email}`));
    return reply.status(201).send(await customerOr404(id));
  });

  app.get('/v1/customers', { config: { admin: true }, schema: { tags, security: bearer, querystring: ListQuery } }, async (req) => {
    await requireAdmin(req);
    const rows = await db('customers').orderBy('created_at', 'desc').limit(req.query.limit).offset(req.query.offset);
    return { data: rows.map(toCustomer) };
  });

  app.get('/v1/customers/:id', { config: { admin: true }, schema: { tags, security: bearer, params: IdParams } }, async (req) => {
    await requireAdmin(req);
    return customerOr404(req.params.id);
  });

  app.patch('/v1/customers/:id', { config: { admin: true }, schema: { tags, security: bearer, params: IdParams, body: CustomerPatch } }, async (req) => {
    await requireAdmin(req);
    await customerOr404(req.params.id);
    const b = req.body;
    const changes = {
      ...(b.email !== undefined && { email: b.email.toLowerCase() }),
      ...(b.phone !== undefined && { phone: phoneOf(b.phone) }),
      ...(b.name !== undefined && { name: b.name }),
      ...(b.status !== undefined && { status: b.status }),
      ...(b.trusted !== undefined && { trusted: b.trusted }),
    };
    await db('customers').where({ id: req.params.id }).update({ ...changes, updated_at: new Date() }).catch(duplicate('That e-mail'));
    return customerOr404(req.params.id);
  });
}
