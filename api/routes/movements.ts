import { readProduct } from '../../store/product-store';
import { listMovements } from '../../store/movement-log';
import { requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { Problem } from '../problem';
import { IdParams } from '../schemas/common';
import { StockMovementPage } from '../schemas/catalogue-view';
import { operation, PAGE_HEADERS } from '../openapi/operation';
import { cursorFrom, PageQuery, pageHeaders } from '../schemas/page';

/** A product's inventory ledger (docs/domain.md §5): every reserve, commit, release, restock and adjustment. */
export function movementRoutes(app: App, { db }: ApiDeps): void {
  app.get('/v1/products/:id/movements', { config: { admin: true }, schema: { ...operation({ operationId: 'listProductMovements', summary: 'List a product\'s stock movements, newest first', tags: ['catalogue'], access: 'admin', ok: { schema: StockMovementPage, description: 'One page of the ledger', headers: PAGE_HEADERS }, problems: ['VALIDATION_ERROR', 'PRODUCT_NOT_FOUND'] }), params: IdParams, querystring: PageQuery } }, async (req, reply) => {
    await requireAdmin(req);
    if (!(await readProduct(db, req.params.id))) throw new Problem('PRODUCT_NOT_FOUND', `Product ${req.params.id} not found`);
    const page = await listMovements(db, req.params.id, req.query.limit, cursorFrom(req.query.cursor));
    pageHeaders(req, reply, page);
    return page;
  });
}
