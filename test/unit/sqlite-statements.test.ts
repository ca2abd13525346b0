import { createDb } from '../../lib/db';

/** The embedded database keeps prepared statements by SQL text (lib/db.ts): reused, and still right after a schema change. */
describe('SQLite prepared statements', () => {
  const db = createDb('sqlite::memory:', '/tmp');
  afterAll(() => db.destroy());

  it('compiles a query once and reuses it', async () => {
    const conn = (await db.client.acquireConnection()) as { prepare: (sql: string) => unknown };
    try {
      const first = conn.prepare('select 1 as one');
      expect(conn.prepare('select 1 as one')).toBe(first);
      expect(conn.prepare('select 2 as two')).not.toBe(first);
    } finally {
      await db.client.releaseConnection(conn);
    }
  });

  it('answers with the new columns after a migration changes the table', async () => {
    await db.schema.createTable('shelf', (t) => {
      t.string('sku').primary();
    });
    await db('shelf').insert({ sku: 'A-1' });
    expect(await db('shelf').select('*')).toEqual([{ sku: 'A-1' }]);
    await db.schema.alterTable('shelf', (t) => {
      t.integer('qty').notNullable().defaultTo(3);
    });
    expect(await db('shelf').select('*')).toEqual([{ sku: 'A-1', qty: 3 }]);
  });

  it('keeps answering right beyond the number of statements it keeps', async () => {
    for (let i = 0; i < 600; i++) expect(await db.raw(`select ${i} as n`)).toEqual([{ n: i }]);
    expect(await db.raw('select 0 as n')).toEqual([{ n: 0 }]);
  });
});
