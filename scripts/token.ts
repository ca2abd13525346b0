import { Command } from 'commander';
import { readDevSecret } from '../lib/dev-secret';
import { loadConfig } from '../lib/config';
import { mintToken } from '../lib/tokens';

/** npm run token -- --role admin --sub staff-1 : prints a bearer token for local use. */
const program = new Command()
  .name('token')
  .description('Mint a JWT for the Orderly API (HS256, AUTH_JWT_SECRET or the embedded dev secret)')
  .option('--role <role>', 'admin or customer', 'admin')
  .option('--sub <id>', 'customer id (role customer) or staff id', 'admin')
  .option('--expires <duration>', 'e.g. 30d, 12h', '30d')
  .action((opts: { role: string; sub: string; expires: string }) => {
    if (opts.role !== 'admin' && opts.role !== 'customer') throw new Error('--role must be admin or customer');
    const config = loadConfig();
    const secret = config.jwtSecret ?? readDevSecret(config.dataDir);
    console.log(mintToken(secret, opts.sub, opts.role, opts.expires));
  });

program.parseAsync().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
