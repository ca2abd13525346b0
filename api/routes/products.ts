import { changeStock, insertProduct, listProducts, readProduct, updateProduct } from '../../store/product-store';
import { actorOf, requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { conflictOnDuplicate } from '../duplicate-conflict';
import { Problem } from '../problem';
import { ListQuery, NewProduct, ProductPatch, StockChange } from '../schemas/catalogue';
import { bearer, IdParams } from '../schemas/common';

/** stock_on_hand is an INT column: a restock past its largest value would fail in the database. */
const MAX_STOCK_ON_HAND = 2_147_483_647;

/** Catalogue administration (admin only). */
export function catalogueRoutes(app: App, { db }: ApiDeps): void {
  const tags = ['catalogue'];
  const productOr404 = async (id: string) => (await readProduct(db, id)) ?? Promise.reject(new Problem('PRODUCT_NOT_FOUND', `Product ${id} not found`));

  app.post('/v1/products', { config: { admin: true }, schema: { tags, security: bearer, body: NewProduct } }, async (req, reply) => {
    const claims = await requireAdmin(req);
    const id = await insertProduct(db, req.body, actorOf(claims)).catch(conflictOnDuplicate(`A product with SKU ${req.body.sku} already exists`));
    return reply.status(201).send(await productOr404(id));
  });

  app.get('/v1/products', { config: { admin: true }, schema: { tags, security: bearer, querystring: ListQuery } }, async (req) => {
    await requireAdmin(req);
    return { data: await listProducts(db, req.query) };
  });

  app.get('/v1/products/:id', { config: { admin: true }, schema: { tags, security: bearer, params: IdParams } }, async (req) => {
    await requireAdmin(req);
    return productOr404(req.params.id);
  });

  app.patch('/v1/products/:id', { config: { admin: true }, schema: { tags, security: bearer, params: IdParams, body: ProductPatch } }, async (req) => {
    await requireAdmin(req);
    await productOr404(req.params.id);
    await updateProduct(db, req.params.id, req.body).catch(conflictOnDuplicate('That SKU already exists'));
    return productOr404(req.params.id);
  });

  app.post('/v1/products/:id/stock', { config: { admin: true }, schema: { tags, security: bearer, params: IdParams, body: StockChange } }, async (req) => {
    const claims = await requireAdmin(req);
    const current = await productOr404(req.params.id);
    if (current.stockOnHand + req.body.delta > MAX_STOCK_ON_HAND) throw new Problem('CONFLICT', `Stock on hand cannot exceed ${MAX_STOCK_ON_HAND}`);
    if (!(await changeStock(db, req.params.id, req.body, actorOf(claims)))) throw new Problem('STOCK_BELOW_RESERVED', 'Stock on hand cannot go below what is reserved for orders');
    return productOr404(req.params.id);
  });
}
