import type { FastifyReply } from 'fastify';
import { changeStock, insertProduct, listProducts, readProduct, updateProduct } from '../../store/product-store';
import { actorOf, requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { conflictOnDuplicate } from '../duplicate-conflict';
import { Problem } from '../problem';
import { NewProduct, ProductPatch, StockChange } from '../schemas/catalogue';
import { keyCursorFrom, ListQuery, pageHeaders } from '../schemas/page';
import { IdParams } from '../schemas/common';
import { ProductPage, ProductView } from '../schemas/catalogue-view';
import { ETAG_HEADERS, OFFSET_PAGE_HEADERS, operation } from '../openapi/operation';
import { ifMatchVersion, IfMatchHeaders, sendEtag, stale } from '../etag';
import { readVersion } from '../../store/row-version';

/** stock_on_hand is an INT column: a restock past its largest value would fail in the database. */
const MAX_STOCK_ON_HAND = 2_147_483_647;

/** Catalogue administration (admin only). */
export function catalogueRoutes(app: App, { db }: ApiDeps): void {
  const doc = (spec: Omit<Parameters<typeof operation>[0], 'tags' | 'access'>) => operation({ ...spec, tags: ['catalogue'], access: 'admin' });
  /** The product with its ETag header (its row version). */
  const withEtag = async <T>(reply: FastifyReply, id: string, product: T): Promise<T> => {
    sendEtag(reply, await readVersion(db, 'products', id));
    return product;
  };
  const productOr404 = async (id: string) => (await readProduct(db, id)) ?? Promise.reject(new Problem('PRODUCT_NOT_FOUND', `Product ${id} not found`));

  app.post('/v1/products', { config: { admin: true }, schema: { ...doc({ operationId: 'createProduct', summary: 'Create a product', ok: { status: 201, schema: ProductView, description: 'The product', headers: ETAG_HEADERS }, problems: ['VALIDATION_ERROR', 'CONFLICT'] }), body: NewProduct } }, async (req, reply) => {
    const claims = await requireAdmin(req);
    const id = await insertProduct(db, req.body, actorOf(claims)).catch(conflictOnDuplicate(`A product with SKU ${req.body.sku} already exists`));
    return withEtag(reply.status(201), id, await productOr404(id));
  });

  app.get('/v1/products', { config: { admin: true }, schema: { ...doc({ operationId: 'listProducts', summary: 'List products by SKU', ok: { schema: ProductPage, description: 'One page of products', headers: OFFSET_PAGE_HEADERS }, problems: ['VALIDATION_ERROR'] }), querystring: ListQuery } }, async (req, reply) => {
    await requireAdmin(req);
    const { limit, cursor, offset } = req.query;
    const page = await listProducts(db, { limit, after: keyCursorFrom(cursor), offset });
    pageHeaders(req, reply, page, offset !== undefined);
    return page;
  });

  app.get('/v1/products/:id', { config: { admin: true }, schema: { ...doc({ operationId: 'getProduct', summary: 'Get a product with its stock', ok: { schema: ProductView, description: 'The product', headers: ETAG_HEADERS }, problems: ['VALIDATION_ERROR', 'PRODUCT_NOT_FOUND'] }), params: IdParams } }, async (req, reply) => {
    await requireAdmin(req);
    return withEtag(reply, req.params.id, await productOr404(req.params.id));
  });

  app.patch('/v1/products/:id', { config: { admin: true }, schema: { ...doc({ operationId: 'updateProduct', summary: 'Change a product (not its stock)', ok: { schema: ProductView, description: 'The product after the change', headers: ETAG_HEADERS }, problems: ['VALIDATION_ERROR', 'PRODUCT_NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED'] }), params: IdParams, headers: IfMatchHeaders, body: ProductPatch } }, async (req, reply) => {
    await requireAdmin(req);
    await productOr404(req.params.id);
    const changed = await updateProduct(db, req.params.id, req.body, { ifVersion: ifMatchVersion(req) }).catch(conflictOnDuplicate('That SKU already exists'));
    if (!changed) throw stale();
    return withEtag(reply, req.params.id, await productOr404(req.params.id));
  });

  app.post('/v1/products/:id/stock', { config: { admin: true }, schema: { ...doc({ operationId: 'changeProductStock', summary: 'Restock or adjust a product\'s stock on hand', ok: { schema: ProductView, description: 'The product after the change', headers: ETAG_HEADERS }, problems: ['VALIDATION_ERROR', 'PRODUCT_NOT_FOUND', 'CONFLICT', 'STOCK_BELOW_RESERVED', 'PRECONDITION_FAILED'] }), params: IdParams, headers: IfMatchHeaders, body: StockChange } }, async (req, reply) => {
    const claims = await requireAdmin(req);
    const current = await productOr404(req.params.id);
    if (current.stockOnHand + req.body.delta > MAX_STOCK_ON_HAND) throw new Problem('CONFLICT', `Stock on hand cannot exceed ${MAX_STOCK_ON_HAND}`);
    const outcome = await changeStock(db, req.params.id, req.body, actorOf(claims), { ifVersion: ifMatchVersion(req) });
    if (outcome === 'stale') throw stale();
    if (outcome === 'below_reserved') throw new Problem('STOCK_BELOW_RESERVED', 'Stock on hand cannot go below what is reserved for orders');
    return withEtag(reply, req.params.id, await productOr404(req.params.id));
  });
}
