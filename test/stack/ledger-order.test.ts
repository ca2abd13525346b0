import type { Knex } from 'knex';
import { v7 } from 'uuid';
import { createDb } from '../../lib/db';
import { auditInventory } from '../../store/audit-inventory';
import { adjustStock } from '../../store/stock';
import { apiUrls, createProduct, shapeState } from '../support/stack-shape';

// Movement ids come from uuid's v7: here the test decides them, as two worker processes would mint them.
jest.mock('uuid', () => {
  const actual = jest.requireActual('uuid');
  return { ...actual, v7: jest.fn(actual.v7) };
});

let db: Knex;
beforeAll(() => {
  db = createDb(shapeState().settings.env.DATABASE_URL, '/nonexistent');
});
afterAll(() => db.destroy());

/** A UUIDv7 of the given millisecond with the given 12-bit counter: what another process may mint in the same ms. */
const idAt = (ms: number, counter: number) => {
  const hex = ms.toString(16).padStart(12, '0') + '7' + counter.toString(16).padStart(3, '0') + '8' + '0'.repeat(15);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

describe('the inventory ledger of a product moved by two workers', () => {
  it('audits clean when the later movement got the smaller id in the same millisecond', async () => {
    const productId = await createProduct(apiUrls()[0], 10);
    const ms = Date.now() + 1000;
    // Worker A writes first with a high counter; worker B, a moment later in the same ms, draws a lower one.
    jest.mocked(v7 as () => string).mockReturnValueOnce(idAt(ms, 0xfff)).mockReturnValueOnce(idAt(ms, 0x001));
    const actor = { type: 'admin' as const, id: 'staff-stack' };
    await db.transaction((trx) => adjustStock(trx, productId, 3, 'worker A', actor, new Date()));
    await db.transaction((trx) => adjustStock(trx, productId, -1, 'worker B', actor, new Date()));

    const { violations } = await auditInventory(db);
    expect(violations.filter((v) => v.productId === productId)).toEqual([]);
  });
});
