import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { api, act, adminToken, apiUrls, createCustomer, createProduct, placeOrder, root, shapeState } from '../support/stack-shape';
import { reply } from '../support/api';

const [api1, api2] = apiUrls();

/** `npm run audit` as production runs it: the compiled script (or the source), against the shape's database. */
async function audit(): Promise<{ code: number; output: string }> {
  const { settings } = shapeState();
  const [command, args] = settings.build === 'dist' ? [process.execPath, [path.join(root(), 'dist', 'scripts', 'audit.js')]] : [process.execPath, ['--import', 'tsx', 'scripts/audit.ts']];
  try {
    const { stdout } = await promisify(execFile)(command, args, { cwd: root(), env: { PATH: process.env.PATH, DATABASE_URL: settings.env.DATABASE_URL } });
    return { code: 0, output: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('the inventory audit after two workers moved the same stock', () => {
  it('finds every counter and ledger chain consistent', async () => {
    const productId = await createProduct(api1, 25);
    const customers = await Promise.all(Array.from({ length: 5 }, () => createCustomer(api2)));
    const orders = await Promise.all(Array.from({ length: 30 }, (_, i) => placeOrder(i % 2 ? api1 : api2, customers[i % 5], productId)));
    const ids = orders.filter((o) => o.status === 201).map((o) => o.body.id as string);
    expect(ids).toHaveLength(25);

    // Confirm, cancel and restock at once, over both APIs: movements of one product from both workers.
    await Promise.all([
      ...ids.map((id, i) =>
        act(i % 2 ? api1 : api2, id, i % 3 === 0 ? 'cancel' : 'confirm'),
      ),
      reply(api(api1, adminToken()).POST('/v1/products/{id}/stock', { params: { path: { id: productId } }, body: { delta: 5, reason: 'restock during the rush' } })),
    ]);

    const { code, output } = await audit();
    expect(output).toMatch(/^inventory audit: clean/);
    expect(code).toBe(0);
  });
});
