import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startStack, type Stack } from '../support/stack';
import { postSignIn } from '../support/staff';

const run = promisify(execFile);
const root = path.join(__dirname, '..', '..');
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(() => stack?.close());

/** npm run staff:create, as a person runs it, against the test database. */
const staffCreate = (args: string[], password: string) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/staff-create.ts', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: stack.env.DATABASE_URL, STAFF_PASSWORD: password } });

describe('npm run staff:create', () => {
  it('creates an admin who can then sign in, storing an argon2id hash rather than the password', async () => {
    const email = `first-admin-${Date.now()}@shop.example`;
    const password = 'a long enough passphrase';
    const { stdout } = await staffCreate(['--email', email.toUpperCase(), '--name', 'First Admin', '--role', 'admin'], password);
    expect(stdout).toContain(`created admin ${email}`);
    const row = await stack.db('staff_users').where({ email }).first();
    expect(row).toMatchObject({ name: 'First Admin', role: 'admin' });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect((await postSignIn(stack, email, password)).statusCode).toBe(303);
  });

  it('refuses a short password and a taken e-mail, saying why, with exit code 1', async () => {
    await expect(staffCreate(['--email', 'short@shop.example', '--name', 'S'], 'short')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('password') });
    const email = `twice-${Date.now()}@shop.example`;
    await staffCreate(['--email', email, '--name', 'Once'], 'a long enough passphrase');
    await expect(staffCreate(['--email', email, '--name', 'Twice'], 'a long enough passphrase')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('already has an account') });
  });
});
