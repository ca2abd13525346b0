import { z } from 'zod';
import { listRedemptions } from '../../store/console/promo-redemptions';
import { listPromos, readPromo } from '../../store/promo-store';
import type { ApiDeps, App } from '../context';
import { render } from './render';
import { signedIn } from './session';

const Params = z.object({ id: z.string().min(1).max(64) });

/** Promo codes with their remaining uses, and one code's redemptions (newest first). */
export function promoPages(app: App, { db }: ApiDeps): void {
  app.get('/admin/promos', { preHandler: signedIn }, async (req, reply) => {
    return render(req, reply, 'promos', { rows: await listPromos(db, { limit: 200, offset: 0 }) });
  });

  app.get('/admin/promos/:id', { preHandler: signedIn }, async (req, reply) => {
    const promo = await readPromo(db, Params.parse(req.params).id);
    if (!promo) return render(req, reply, 'not-found', { what: 'that promo code' }, 404);
    const redemptions = await listRedemptions(db, promo.id);
    return render(req, reply, 'promo', { promo, redemptions });
  });
}
