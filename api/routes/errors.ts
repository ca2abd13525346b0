import { readError, listErrors, resolveError } from '../../store/error-log';
import { requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { Problem } from '../problem';
import { bearer, IdParams } from '../schemas/common';
import { ErrorsQuery, ResolveBody } from '../schemas/errors';
import { cursorFrom } from '../schemas/page';

/** The error log (docs/domain.md §6): list with filters, and resolve once with a note (admin only). */
export function errorRoutes(app: App, { db }: ApiDeps): void {
  const tags = ['operations'];

  app.get('/v1/errors', { config: { admin: true }, schema: { tags, security: bearer, querystring: ErrorsQuery } }, async (req) => {
    await requireAdmin(req);
    const { cursor, ...filter } = req.query;
    return listErrors(db, { ...filter, cursor: cursorFrom(cursor) });
  });

  app.post('/v1/errors/:id/resolve', { config: { admin: true }, schema: { tags, security: bearer, params: IdParams, body: ResolveBody } }, async (req) => {
    const claims = await requireAdmin(req);
    const outcome = await resolveError(db, req.params.id, claims.sub, req.body.note, new Date());
    if (outcome === 'not_found') throw new Problem('ERROR_NOT_FOUND', `Error ${req.params.id} not found`);
    if (outcome === 'already_resolved') throw new Problem('CONFLICT', `Error ${req.params.id} is already resolved`);
    return (await readError(db, req.params.id))!;
  });
}
