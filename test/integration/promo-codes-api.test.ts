import { randomUUID } from 'node:crypto';
import { createCustomer, rawCall } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

/** The admin endpoints need no worker; run them on both databases. */
describe.each([
  ['MariaDB', false],
  ['SQLite', true],
])('promo codes on %s', (_, sqlite) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ sqlite, worker: false });
  });
  afterAll(() => stack.close());

  // Bodies here are often deliberately invalid, hence `as never`: the client sends them as they are.
  const post = (body: Record<string, unknown>) => reply(stack.api(stack.adminToken).POST('/v1/promo-codes', { body: body as never }));
  const patch = (id: string, body: Record<string, unknown>) => reply(stack.api(stack.adminToken).PATCH('/v1/promo-codes/{id}', { params: { path: { id } }, body: body as never }));
  const fresh = () => `Sale-${randomUUID().slice(0, 8)}`;

  it('creates a promo with its code upper-cased and unset terms at their defaults', async () => {
    const code = fresh();
    const res = await post({ code, kind: 'percent', value: 15 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      code: code.toUpperCase(),
      kind: 'percent',
      value: 15,
      maxDiscountCentavos: null,
      minOrderCentavos: 0,
      startsAt: null,
      endsAt: null,
      usageLimit: null,
      perCustomerLimit: null,
      active: true,
      redemptionsCount: 0,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('keeps every term it is given, times as UTC', async () => {
    const body = {
      code: fresh(), kind: 'fixed', value: 25_000, maxDiscountCentavos: 30_000, minOrderCentavos: 100_000,
      startsAt: '2026-12-01T00:00:00+08:00', endsAt: '2026-12-26T00:00:00Z', usageLimit: 100, perCustomerLimit: 2, active: false,
    };
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...body, code: body.code.toUpperCase(), startsAt: '2026-11-30T16:00:00.000Z', endsAt: '2026-12-26T00:00:00.000Z' });
  });

  it('answers 409 CONFLICT for a code that exists in any case', async () => {
    const code = fresh();
    await post({ code, kind: 'free_shipping' });
    const again = await post({ code: code.toLowerCase(), kind: 'percent', value: 5 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');
  });

  it.each([
    ['a percent of 0', { kind: 'percent', value: 0 }, 'value'],
    ['a percent above 100', { kind: 'percent', value: 101 }, 'value'],
    ['a fixed amount of 0', { kind: 'fixed', value: 0 }, 'value'],
    ['an end before the start', { kind: 'free_shipping', startsAt: '2026-12-02T00:00:00Z', endsAt: '2026-12-01T00:00:00Z' }, 'endsAt'],
    ['a fractional value', { kind: 'fixed', value: 1.5 }, 'value'],
    ['a code with spaces', { kind: 'free_shipping', code: 'TWO WORDS' }, 'code'],
    ['an unknown kind', { kind: 'bogo' }, 'kind'],
    ['an unknown field', { kind: 'free_shipping', stackable: true }, 'stackable'],
  ])('answers 400 for %s, naming the field', async (_, terms, field) => {
    const res = await post({ code: fresh(), ...terms });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_ERROR');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('lists promos, filtered by active', async () => {
    const on = await post({ code: fresh(), kind: 'percent', value: 5 });
    const off = await post({ code: fresh(), kind: 'percent', value: 5, active: false });
    const ids = async (query: { active?: 'true' | 'false'; limit: number }) =>
      (await reply(stack.api(stack.adminToken).GET('/v1/promo-codes', { params: { query } }))).body.data.map((p: { id: string }) => p.id);
    expect(await ids({ limit: 200 })).toEqual(expect.arrayContaining([on.body.id, off.body.id]));
    expect(await ids({ active: 'false', limit: 200 })).toContain(off.body.id);
    expect(await ids({ active: 'false', limit: 200 })).not.toContain(on.body.id);
  });

  it('gets one promo, or 404 PROMO_NOT_FOUND', async () => {
    const created = await post({ code: fresh(), kind: 'percent', value: 5 });
    expect((await reply(stack.api(stack.adminToken).GET('/v1/promo-codes/{id}', { params: { path: { id: created.body.id } } }))).body).toEqual(created.body);
    const missing = await reply(stack.api(stack.adminToken).GET('/v1/promo-codes/{id}', { params: { path: { id: 'nope' } } }));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('PROMO_NOT_FOUND');
    expect((await patch('nope', { active: false })).body.code).toBe('PROMO_NOT_FOUND');
  });

  it('changes only the fields a PATCH names', async () => {
    const created = await post({ code: fresh(), kind: 'percent', value: 20, usageLimit: 50, active: true });
    const res = await patch(created.body.id, { active: false, code: 'renamed-' + created.body.code });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ active: false, code: `RENAMED-${created.body.code}`, kind: 'percent', value: 20, usageLimit: 50 });
  });

  it('checks a PATCH against the terms it leaves in place', async () => {
    const created = await post({ code: fresh(), kind: 'fixed', value: 50_000 });
    const res = await patch(created.body.id, { kind: 'percent' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'value' })]);
    expect((await patch(created.body.id, { kind: 'percent', value: 50 })).body).toMatchObject({ kind: 'percent', value: 50 });
  });

  it('refuses with 409 a usage limit below the redemptions already held, or a code already taken', async () => {
    const taken = await post({ code: fresh(), kind: 'percent', value: 5 });
    const created = await post({ code: fresh(), kind: 'percent', value: 5, usageLimit: 10 });
    await stack.db('promo_codes').where({ id: created.body.id }).update({ redemptions_count: 3 });
    expect((await patch(created.body.id, { usageLimit: 2 })).status).toBe(409);
    expect((await patch(created.body.id, { usageLimit: 3 })).body).toMatchObject({ usageLimit: 3, redemptionsCount: 3 });
    const clash = await patch(created.body.id, { code: taken.body.code.toLowerCase() });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('CONFLICT');
  });

  it('answers customers 403 and strangers 401', async () => {
    const customer = await createCustomer(stack);
    expect((await reply(stack.api(customer.token).GET('/v1/promo-codes'))).status).toBe(403);
    expect((await reply(stack.api(customer.token).POST('/v1/promo-codes', { body: { code: fresh(), kind: 'free_shipping' } }))).status).toBe(403);
    // Refused before the body is looked at: a customer learns nothing about the schema.
    expect((await reply(stack.api(customer.token).POST('/v1/promo-codes', { body: { code: 'not valid' } as never }))).status).toBe(403);
    expect((await reply(stack.api().GET('/v1/promo-codes'))).status).toBe(401);
  });

  it('documents the promo endpoints in the OpenAPI document', async () => {
    const doc = await rawCall(stack, 'GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/promo-codes', '/v1/promo-codes/{id}', '/v1/reports/rejections']));
  });
});
