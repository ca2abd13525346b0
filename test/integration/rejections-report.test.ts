import { createCustomer } from '../support/fixtures';
import { reply } from '../support/api';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: false });
  // Rejections in March 2020, a period no other test writes to.
  const at = [
    ['2020-03-01T00:00:00.000Z', 'PROMO_EXPIRED,INVALID_PHONE'],
    ['2020-03-01T23:59:59.999Z', 'PROMO_EXPIRED'],
    ['2020-03-02T00:00:00.000Z', 'INVALID_PHONE,ORDER_EMPTY'],
    ['2020-02-29T23:59:59.999Z', 'ORDER_EMPTY'],
  ];
  await stack.db('order_rejections').insert(
    at.map(([time, codes], i) => ({
      id: `report-${i}`, order_id: `report-${i}`, customer_id: 'c', codes, errors: '[]', source: 'api', client_ip: null, created_at: new Date(time),
    })),
  );
});
afterAll(() => stack.close());

const report = (query: { from?: string; to?: string }, token = stack.adminToken) => reply(stack.api(token).GET('/v1/reports/rejections', { params: { query } }));

describe('GET /v1/reports/rejections', () => {
  it('counts the rejected attempts of a period by rule code, most frequent first', async () => {
    const res = await report({ from: '2020-03-01T00:00:00Z', to: '2020-03-03T00:00:00Z' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: '2020-03-01T00:00:00.000Z',
      to: '2020-03-03T00:00:00.000Z',
      rejectedAttempts: 3,
      byCode: [
        { code: 'INVALID_PHONE', count: 2 },
        { code: 'PROMO_EXPIRED', count: 2 },
        { code: 'ORDER_EMPTY', count: 1 },
      ],
    });
  });

  it('includes from and excludes to', async () => {
    const res = await report({ from: '2020-03-01T00:00:00Z', to: '2020-03-02T00:00:00Z' });
    expect(res.body.rejectedAttempts).toBe(2);
  });

  it('takes a bare date as its whole day', async () => {
    const res = await report({ from: '2020-03-01', to: '2020-03-01' });
    expect(res.body).toMatchObject({ from: '2020-03-01T00:00:00.000Z', to: '2020-03-02T00:00:00.000Z', rejectedAttempts: 2 });
  });

  it('covers the last 30 days when no period is given', async () => {
    const res = await report({});
    expect(Date.parse(res.body.to) - Date.parse(res.body.from)).toBe(30 * 86_400_000);
    expect(Math.abs(Date.parse(res.body.to) - Date.now())).toBeLessThan(60_000);
  });

  it('answers 400 for a period that ends before it starts, or a time that is not one', async () => {
    expect((await report({ from: '2020-03-02', to: '2020-03-01T00:00:00Z' })).status).toBe(400);
    expect((await report({ from: 'yesterday' })).status).toBe(400);
  });

  it('counts up to a far-future end such as to=9999-12-31, the last day the database can hold', async () => {
    const res = await report({ from: '2020-03-01', to: '9999-12-31' });
    expect(res.status).toBe(200);
    expect(res.body.rejectedAttempts).toBeGreaterThanOrEqual(3);
    expect(res.body.to).toBe('9999-12-31T23:59:59.999Z');
  });

  it('answers 400 at the field for a day that is not in the calendar', async () => {
    const res = await report({ to: '2021-02-30' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('querystring.to');
  });

  it('is for admins only', async () => {
    const customer = await createCustomer(stack);
    expect((await report({}, customer.token)).status).toBe(403);
  });
});
