import { insertPromo, listPromos, readPromo, updatePromo } from '../../store/promo-store';
import { requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { conflictOnDuplicate } from '../duplicate-conflict';
import { Problem } from '../problem';
import { IdParams } from '../schemas/common';
import { PromoPage, PromoView } from '../schemas/promo-view';
import { OFFSET_PAGE_HEADERS, operation } from '../openapi/operation';
import { NewPromo, PromoListQuery, PromoPatch, promoTermsProblems } from '../schemas/promos';
import { keyCursorFrom, pageHeaders } from '../schemas/page';

/** Promo code administration (admin only): codes are upper-case and unique. */
export function promoRoutes(app: App, { db }: ApiDeps): void {
  const doc = (spec: Omit<Parameters<typeof operation>[0], 'tags' | 'access'>) => operation({ ...spec, tags: ['promos'], access: 'admin' });
  const promoOr404 = async (id: string) => (await readPromo(db, id)) ?? Promise.reject(new Problem('PROMO_NOT_FOUND', `Promo code ${id} not found`));
  const duplicate = (code: string | undefined) => conflictOnDuplicate(`A promo with code ${code} already exists`);

  app.post('/v1/promo-codes', { config: { admin: true }, schema: { ...doc({ operationId: 'createPromoCode', summary: 'Create a promo code', ok: { status: 201, schema: PromoView, description: 'The promo code' }, problems: ['VALIDATION_ERROR', 'CONFLICT'] }), body: NewPromo } }, async (req, reply) => {
    await requireAdmin(req);
    const id = await insertPromo(db, req.body).catch(duplicate(req.body.code));
    return reply.status(201).send(await promoOr404(id));
  });

  app.get('/v1/promo-codes', { config: { admin: true }, schema: { ...doc({ operationId: 'listPromoCodes', summary: 'List promo codes by code', ok: { schema: PromoPage, description: 'One page of promo codes', headers: OFFSET_PAGE_HEADERS }, problems: ['VALIDATION_ERROR'] }), querystring: PromoListQuery } }, async (req, reply) => {
    await requireAdmin(req);
    const { active, limit, cursor, offset } = req.query;
    const page = await listPromos(db, { active: active === undefined ? undefined : active === 'true', limit, after: keyCursorFrom(cursor), offset });
    pageHeaders(req, reply, page, offset !== undefined);
    return page;
  });

  app.get('/v1/promo-codes/:id', { config: { admin: true }, schema: { ...doc({ operationId: 'getPromoCode', summary: 'Get a promo code with its redemptions', ok: { schema: PromoView, description: 'The promo code' }, problems: ['VALIDATION_ERROR', 'PROMO_NOT_FOUND'] }), params: IdParams } }, async (req) => {
    await requireAdmin(req);
    return promoOr404(req.params.id);
  });

  app.patch('/v1/promo-codes/:id', { config: { admin: true }, schema: { ...doc({ operationId: 'updatePromoCode', summary: 'Change a promo code', ok: { schema: PromoView, description: 'The promo code after the change' }, problems: ['VALIDATION_ERROR', 'PROMO_NOT_FOUND', 'CONFLICT'] }), params: IdParams, body: PromoPatch } }, async (req) => {
    await requireAdmin(req);
    const current = await promoOr404(req.params.id);
    const b = req.body;
    const problems = promoTermsProblems({ ...current, ...b });
    if (problems.length) {
      throw new Problem('VALIDATION_ERROR', 'The promo terms do not fit together', problems.map((p) => ({ code: 'VALIDATION_ERROR', ...p, severity: 'error' })));
    }
    const changed = await updatePromo(db, req.params.id, b).catch(duplicate(b.code));
    if (!changed) throw new Problem('CONFLICT', `usageLimit ${b.usageLimit} is below the redemptions already held`);
    return promoOr404(req.params.id);
  });
}
