import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import { fromDb } from '../../lib/db';
import { isUniqueViolation } from '../../store/unique-violation';
import { requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { Problem } from '../problem';
import { bearer, IdParams } from '../schemas/common';
import { NewPromo, PromoListQuery, PromoPatch, promoTermsProblems } from '../schemas/promos';
import { rejectionsReportRoutes } from './rejections-report';

type Row = Record<string, unknown>;

const nullableInt = (v: unknown): number | null => (v === null || v === undefined ? null : fromDb.int(v));

function toPromo(p: Row) {
  return {
    id: String(p.id),
    code: String(p.code),
    kind: String(p.kind) as NewPromo['kind'],
    value: fromDb.int(p.value),
    maxDiscountCentavos: nullableInt(p.max_discount_centavos),
    minOrderCentavos: fromDb.int(p.min_order_centavos),
    startsAt: fromDb.iso(p.starts_at),
    endsAt: fromDb.iso(p.ends_at),
    usageLimit: nullableInt(p.usage_limit),
    perCustomerLimit: nullableInt(p.per_customer_limit),
    active: fromDb.bool(p.active),
    redemptionsCount: fromDb.int(p.redemptions_count),
    createdAt: fromDb.iso(p.created_at),
    updatedAt: fromDb.iso(p.updated_at),
  };
}

const COLUMNS = {
  code: 'code',
  kind: 'kind',
  value: 'value',
  maxDiscountCentavos: 'max_discount_centavos',
  minOrderCentavos: 'min_order_centavos',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  usageLimit: 'usage_limit',
  perCustomerLimit: 'per_customer_limit',
  active: 'active',
} as const satisfies Record<keyof PromoPatch, string>;

/** The columns a body sets; absent fields are left alone. */
function toRow(body: PromoPatch): Row {
  const row: Row = {};
  for (const [field, column] of Object.entries(COLUMNS) as [keyof PromoPatch, string][]) {
    const v = body[field];
    if (v === undefined) continue;
    row[column] = (field === 'startsAt' || field === 'endsAt') && typeof v === 'string' ? new Date(v) : v;
  }
  return row;
}

async function readPromo(db: Knex, id: string) {
  const row = await db('promo_codes').where({ id }).first();
  if (!row) throw new Problem('PROMO_NOT_FOUND', `Promo code ${id} not found`);
  return toPromo(row);
}

/** Promo code administration (admin only): codes are upper-case and unique. Also the rejections report, issue 3's other admin view. */
export function promoRoutes(app: App, deps: ApiDeps): void {
  const { db } = deps;
  const tags = ['promos'];
  rejectionsReportRoutes(app, deps);
  const duplicate = (code: string | undefined) => (err: unknown) => {
    throw isUniqueViolation(err) ? new Problem('CONFLICT', `A promo with code ${code} already exists`) : err;
  };

  app.post('/v1/promo-codes', { config: { admin: true }, schema: { tags, security: bearer, body: NewPromo } }, async (req, reply) => {
    await requireAdmin(req);
    const id = uuid();
    const now = new Date();
    await db('promo_codes')
      .insert({ id, ...toRow(req.body), redemptions_count: 0, created_at: now, updated_at: now })
      .catch(duplicate(req.body.code));
    return reply.status(201).send(await readPromo(db, id));
  });

  app.get('/v1/promo-codes', { config: { admin: true }, schema: { tags, security: bearer, querystring: PromoListQuery } }, async (req) => {
    await requireAdmin(req);
    const q = db('promo_codes').orderBy('code').limit(req.query.limit).offset(req.query.offset);
    if (req.query.active) q.where('active', req.query.active === 'true');
    return { data: (await q).map(toPromo) };
  });

  app.get('/v1/promo-codes/:id', { config: { admin: true }, schema: { tags, security: bearer, params: IdParams } }, async (req) => {
    await requireAdmin(req);
    return readPromo(db, req.params.id);
  });

  app.patch('/v1/promo-codes/:id', { config: { admin: true }, schema: { tags, security: bearer, params: IdParams, body: PromoPatch } }, async (req) => {
    await requireAdmin(req);
    const current = await readPromo(db, req.params.id);
    const b = req.body;
    const problems = promoTermsProblems({ ...current, ...b });
    if (problems.length) {
      throw new Problem('VALIDATION_ERROR', 'The promo terms do not fit together', problems.map((p) => ({ code: 'VALIDATION_ERROR', ...p, severity: 'error' })));
    }
    const update = db('promo_codes').where({ id: req.params.id });
    // Redemptions already held are not taken back: the limit may not drop below them.
    // Checked in the UPDATE itself, so a redemption racing this PATCH cannot slip past.
    if (typeof b.usageLimit === 'number') update.andWhere('redemptions_count', '<=', b.usageLimit);
    const changed = await update.update({ ...toRow(b), updated_at: new Date() }).catch(duplicate(b.code));
    if (changed === 0) throw new Problem('CONFLICT', `usageLimit ${b.usageLimit} is below the redemptions already held`);
    return readPromo(db, req.params.id);
  });
}
