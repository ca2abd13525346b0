import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { NewStaff, STAFF_ROLES } from '../domain/staff';
import { loadConfig } from '../lib/config';
import { createDb } from '../lib/db';
import { hashPassword } from '../lib/passwords';
import { insertStaff } from '../store/staff-store';
import { isUniqueViolation } from '../store/unique-violation';

/**
 * npm run staff:create -- --email ana@shop.ph --name "Ana Cruz" --role admin
 * Creates a console account. The password comes from STAFF_PASSWORD, or is
 * asked for on the terminal, never from the command line (shell history).
 */
const program = new Command()
  .name('staff:create')
  .description('Create a staff account for the Orderly console (/admin)')
  .requiredOption('--email <email>', 'sign-in e-mail')
  .requiredOption('--name <name>', 'name shown in order timelines')
  .option('--role <role>', STAFF_ROLES.join(' | '), 'admin')
  .action(async (opts: { email: string; name: string; role: string }) => {
    const password = process.env.STAFF_PASSWORD ?? (await ask('Password (12+ characters): '));
    const parsed = NewStaff.safeParse({ ...opts, password });
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    const config = loadConfig();
    const db = createDb(config.databaseUrl, config.dataDir);
    try {
      await db.migrate.latest();
      const id = await insertStaff(db, { ...parsed.data, passwordHash: await hashPassword(parsed.data.password) });
      console.log(`created ${parsed.data.role} ${parsed.data.email} (${id}); sign in at /admin/login`);
    } catch (err) {
      if (isUniqueViolation(err)) throw new Error(`${parsed.data.email} already has an account`);
      throw err;
    } finally {
      await db.destroy();
    }
  });

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

program.parseAsync().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
