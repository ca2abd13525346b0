import { readError, listErrors, resolveError } from '../../store/error-log';
import { requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { Problem } from '../problem';
import { IdParams } from '../schemas/common';
import { ErrorEntryPage, ErrorEntryView } from '../schemas/operations-view';
import { operation, PAGE_HEADERS } from '../openapi/operation';
import { ErrorsQuery, ResolveBody } from '../schemas/errors';
import { cursorFrom, pageHeaders } from '../schemas/page';

/** The error log (docs/domain.md §6): list with filters, and resolve once with a note (admin only). */
export function errorRoutes(app: App, { db }: ApiDeps): void {
  const doc = (spec: Omit<Parameters<typeof operation>[0], 'tags' | 'access'>) => operation({ ...spec, tags: ['operations'], access: 'admin' });

  app.get('/v1/errors', { config: { admin: true }, schema: { ...doc({ operationId: 'listErrors', summary: 'List the error log, newest first', ok: { schema: ErrorEntryPage, description: 'One page of errors', headers: PAGE_HEADERS }, problems: ['VALIDATION_ERROR'] }), querystring: ErrorsQuery } }, async (req, reply) => {
    await requireAdmin(req);
    const { cursor, ...filter } = req.query;
    const page = await listErrors(db, { ...filter, cursor: cursorFrom(cursor) });
    pageHeaders(req, reply, page);
    return page;
  });

  app.post('/v1/errors/:id/resolve', { config: { admin: true }, schema: { ...doc({ operationId: 'resolveError', summary: 'Resolve an error with a note', ok: { schema: ErrorEntryView, description: 'The error, resolved' }, problems: ['VALIDATION_ERROR', 'ERROR_NOT_FOUND', 'CONFLICT'] }), params: IdParams, body: ResolveBody } }, async (req) => {
    const claims = await requireAdmin(req);
    const outcome = await resolveError(db, req.params.id, claims.sub, req.body.note, new Date());
    if (outcome === 'not_found') throw new Problem('ERROR_NOT_FOUND', `Error ${req.params.id} not found`);
    if (outcome === 'already_resolved') throw new Problem('CONFLICT', `Error ${req.params.id} is already resolved`);
    return (await readError(db, req.params.id))!;
  });
}
