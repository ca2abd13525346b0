import { readProduct } from '../../store/product-store';
import { listMovements } from '../../store/movement-log';
import { requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { Problem } from '../problem';
import { bearer, IdParams } from '../schemas/common';
import { cursorFrom, PageQuery } from '../schemas/page';

/** A product's inventory ledger (docs/domain.md §5): every reserve, commit, release, restock and adjustment. */
export function movementRoutes(app: App, { db }: ApiDeps): void {
  app.get('/v1/products/:id/movements', { config: { admin: true }, schema: { tags: ['catalogue'], security: bearer, params: IdParams, querystring: PageQuery } }, async (req) => {
    await requireAdmin(req);
    if (!(await readProduct(db, req.params.id))) throw new Problem('PRODUCT_NOT_FOUND', `Product ${req.params.id} not found`);
    return listMovements(db, req.params.id, req.query.limit, cursorFrom(req.query.cursor));
  });
}
