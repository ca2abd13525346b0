import { insertPromo, listPromos, readPromo, updatePromo } from '../../store/promo-store';
import { requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { conflictOnDuplicate } from '../duplicate-conflict';
import { Problem } from '../problem';
import { bearer, IdParams } from '../schemas/common';
import { NewPromo, PromoListQuery, PromoPatch, promoTermsProblems } from '../schemas/promos';

/** Promo code administration (admin only): codes are upper-case and unique. */
export function promoRoutes(app: App, { db }: ApiDeps): void {
  const tags = ['promos'];
  const promoOr404 = async (id: string) => (await readPromo(db, id)) ?? Promise.reject(new Problem('PROMO_NOT_FOUND', `Promo code ${id} not found`));
  const duplicate = (code: string | undefined) => conflictOnDuplicate(`A promo with code ${code} already exists`);

  app.post('/v1/promo-codes', { config: { admin: true }, schema: { tags, security: bearer, body: NewPromo } }, async (req, reply) => {
    await requireAdmin(req);
    const id = await insertPromo(db, req.body).catch(duplicate(req.body.code));
    return reply.status(201).send(await promoOr404(id));
  });

  app.get('/v1/promo-codes', { config: { admin: true }, schema: { tags, security: bearer, querystring: PromoListQuery } }, async (req) => {
    await requireAdmin(req);
    const { active, limit, offset } = req.query;
    return { data: await listPromos(db, { active: active === undefined ? undefined : active === 'true', limit, offset }) };
  });

  app.get('/v1/promo-codes/:id', { config: { admin: true }, schema: { tags, security: bearer, params: IdParams } }, async (req) => {
    await requireAdmin(req);
    return promoOr404(req.params.id);
  });

  app.patch('/v1/promo-codes/:id', { config: { admin: true }, schema: { tags, security: bearer, params: IdParams, body: PromoPatch } }, async (req) => {
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
