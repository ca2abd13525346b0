import { z } from 'zod';
import { listRedemptions } from '../../store/console/promo-redemptions';
import { listPromos, readPromo, updatePromo } from '../../store/promo-store';
import type { ApiDeps, App } from '../context';
import { PromoPatch, promoTermsProblems } from '../schemas/promos';
import { parseForm, type FieldErrors } from './forms';
import { render } from './render';
import { may, signedIn } from './session';

const Params = z.object({ id: z.string().min(1).max(64) });
const optionalLimit = (v: unknown) => (v === undefined || v === '' ? null : Number(v));
/** datetime-local gives "YYYY-MM-DDTHH:MM" without a zone: the console's times are UTC. */
const utcInstant = (v: unknown) => (typeof v === 'string' && v ? `${v.length === 16 ? `${v}:00` : v}Z` : null);

/** Promo codes with their remaining uses; one code's redemptions and its edit form (the API's PromoPatch; admins). */
export function promoPages(app: App, { db }: ApiDeps): void {
  const detail = async (id: string) => {
    const promo = await readPromo(db, id);
    return promo ? { promo, redemptions: await listRedemptions(db, promo.id) } : null;
  };

  app.get('/admin/promos', { preHandler: signedIn }, async (req, reply) => {
    return render(req, reply, 'promos', { rows: (await listPromos(db, { limit: 200, after: null })).data });
  });

  app.get('/admin/promos/:id', { preHandler: signedIn }, async (req, reply) => {
    const page = await detail(Params.parse(req.params).id);
    if (!page) return render(req, reply, 'not-found', { what: 'that promo code' }, 404);
    return render(req, reply, 'promo', { ...page, errors: {}, flash: null });
  });

  app.post('/admin/promos/:id', { preHandler: [signedIn, app.csrfProtection, may('manage')] }, async (req, reply) => {
    const { id } = Params.parse(req.params);
    const page = await detail(id);
    if (!page) return render(req, reply, 'not-found', { what: 'that promo code' }, 404);
    const again = (status: number, errors: FieldErrors) => render(req, reply, 'promo', { ...page, errors, flash: null }, status);
    const form = parseForm(PromoPatch, req.body, (f) => ({
      active: f.active === 'on',
      usageLimit: optionalLimit(f.usageLimit),
      perCustomerLimit: optionalLimit(f.perCustomerLimit),
      endsAt: utcInstant(f.endsAt),
    }));
    if (!form.ok) return again(400, form.errors);
    const problems = promoTermsProblems({ ...page.promo, ...form.data });
    if (problems.length) return again(400, Object.fromEntries(problems.map((p) => [p.field, p.message])));
    if (!(await updatePromo(db, id, form.data))) return again(409, { usageLimit: `Already redeemed ${page.promo.redemptionsCount} times: the limit cannot be lower` });
    return reply.redirect(`/admin/promos/${encodeURIComponent(id)}`, 303);
  });
}
