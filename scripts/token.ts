import { Command } from 'commander';
import { readDevSecret } from '../lib/dev-secret';
import { loadConfig } from '../lib/config';
import { DEFAULT_TOKEN_LIFETIME_DAYS, durationMs, mintToken } from '../lib/tokens';

/** npm run token -- --role admin --sub staff-1 : prints a bearer token for local use. */
const program = new Command()
  .name('token')
  .description('Mint a JWT for the Orderly API (HS256, AUTH_JWT_SECRET or the embedded dev secret)')
  .option('--role <role>', 'admin or customer', 'admin')
  .option('--sub <id>', 'customer id (role customer) or staff id', 'admin')
  .option('--expires <duration>', 'e.g. 30d, 12h; at most AUTH_MAX_TOKEN_LIFETIME_DAYS', `${DEFAULT_TOKEN_LIFETIME_DAYS}d`)
  .action((opts: { role: string; sub: string; expires: string }) => {
    if (opts.role !== 'admin' && opts.role !== 'customer') throw new Error('--role must be admin or customer');
    const config = loadConfig();
    // The API refuses a token that lives longer, so do not hand one out.
    const maxDays = config.auth.maxTokenLifetimeDays;
    if (durationMs(opts.expires) > maxDays * 86_400_000) throw new Error(`--expires may be at most ${maxDays}d (AUTH_MAX_TOKEN_LIFETIME_DAYS)`);
    const secret = config.jwtSecret ?? readDevSecret(config.dataDir);
    console.log(mintToken(secret, opts.sub, opts.role, opts.expires));
  });

program.parseAsync().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
