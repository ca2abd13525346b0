import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readDevCodecKeys, readDevSecret } from '../lib/dev-secret';
import { GracefulShutdown } from '../lib/graceful-shutdown';
import { createLogger } from '../lib/logger';
import { describeStartupError } from '../lib/startup-error';
import { canConnect } from '../lib/temporal-dev-server';
import { mintToken } from '../lib/tokens';
import { startGroup } from './stack/process-group';
import { startShape } from './stack/start-shape';

/**
 * `npm run stack`: the production shape on this machine without Docker. A
 * Temporal server on PostgreSQL (scripts/temporal-server.sh), Orderly's
 * migrations on MariaDB, two worker processes and two API processes, each
 * configured only with the production variables (README, "Configuration").
 * Ctrl+C or SIGTERM stops the APIs, then the workers, then the server; a
 * second Ctrl+C exits at once.
 */
const ports = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) => s.split(',').map((p) => Number(p.trim())))
    .pipe(z.array(z.number().int().min(1).max(65_534)).min(1));

const StackEnv = z.object({
  DATABASE_URL: z.string().startsWith('mysql', 'the production shape keeps orders in MySQL/MariaDB: set DATABASE_URL=mysql://...').default('mysql://root@127.0.0.1:3306/orderly_stack'),
  DATA_DIR: z.string().default(path.resolve('data')),
  TEMPORAL_PORT: z.coerce.number().int().positive().default(7233),
  STACK_API_PORTS: ports('3000,3001'),
  // Each worker serves metrics on its port and the next one.
  STACK_WORKER_METRICS_PORTS: ports('9464,9466'),
  // dist: the compiled build the image runs (`npm run build` first); source: the TypeScript through tsx.
  STACK_BUILD: z.enum(['dist', 'source']).default('dist'),
  STACK_LOG_DIR: z.string().default(path.resolve('.stack', 'logs')),
  // The Temporal Web UI (built with Go on first use); 0 leaves it out.
  TEMPORAL_UI_PORT: z.coerce.number().int().nonnegative().default(8233),
  LOG_LEVEL: z.string().default('info'),
});

let shutdown: GracefulShutdown | null = null;
/** Past the first stop step, exits are the stack's doing, not news. */
let stopping = false;

async function main(): Promise<void> {
  const root = path.join(__dirname, '..');
  const e = StackEnv.parse(process.env);
  shutdown = new GracefulShutdown(createLogger(e.LOG_LEVEL, 'stack'));
  shutdown.onSignals();
  if (e.STACK_BUILD === 'dist' && !fs.existsSync(path.join(root, 'dist', 'workers', 'main.js'))) {
    throw new Error('No compiled build in dist/: run `npm run build` first, or STACK_BUILD=source to run the TypeScript');
  }
  // Without them set, the same generated secret and payload key as `npm start` (kept under ./data).
  const secret = process.env.AUTH_JWT_SECRET || readDevSecret(e.DATA_DIR, true);
  const codecKeys = process.env.PAYLOAD_CODEC_KEYS || readDevCodecKeys(e.DATA_DIR, true).map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
  const say = (line: string) => console.log(line);

  const stop = shutdown;
  const shape = await startShape(
    {
      root,
      build: e.STACK_BUILD,
      // The shell's settings (SMTP_URL, rate limits, ...) reach every process, as a deployment's would.
      env: {
        ...definedEnv(),
        DATABASE_URL: e.DATABASE_URL,
        AUTH_JWT_SECRET: secret,
        PAYLOAD_CODEC_KEYS: codecKeys,
        HOST: process.env.HOST ?? '127.0.0.1',
        LOG_LEVEL: e.LOG_LEVEL,
        // The Web UI decodes payloads in the browser through API 1's /codec (README, "Payload encryption").
        ...(e.TEMPORAL_UI_PORT ? { CODEC_CORS_ORIGINS: [process.env.CODEC_CORS_ORIGINS, ...uiOrigins(e.TEMPORAL_UI_PORT)].filter(Boolean).join(',') } : {}),
      },
      temporalPort: e.TEMPORAL_PORT,
      temporalEnv: {},
      apiPorts: e.STACK_API_PORTS,
      workerMetricsPorts: e.STACK_WORKER_METRICS_PORTS,
      logDir: e.STACK_LOG_DIR,
    },
    (part) => {
      void part.exited.then(({ code, signal }) => {
        if (!stopping) console.error(`${part.name} exited on its own (${code ?? signal}); its log: ${part.logFile}`);
      });
      stop.defer(part.name, async () => {
        stopping = true;
        const { code, signal } = await part.stop();
        if (code !== 0) throw new Error(`${part.name} exited with ${code ?? signal}; its log: ${part.logFile}`);
      });
    },
    say,
  );
  const uiUrl = e.TEMPORAL_UI_PORT ? await startUi(root, e.TEMPORAL_UI_PORT, shape.temporalAddress, `${shape.apiUrls[0]}/codec`, e.STACK_LOG_DIR) : null;

  console.log(`
The production shape is running (${e.STACK_BUILD === 'dist' ? 'compiled build in dist/' : 'TypeScript sources through tsx'}).
${shape.apiUrls.map((url, i) => `  API ${i + 1}        ${url}   (docs ${url}/docs, admin ${url}/admin)`).join('\n')}
${e.STACK_WORKER_METRICS_PORTS.map((p, i) => `  Worker ${i + 1}     metrics http://127.0.0.1:${p}/metrics (Temporal SDK) and :${p + 1}/metrics (activities)`).join('\n')}
  Temporal     ${shape.temporalAddress} on PostgreSQL${shape.temporal ? '' : ' (already running, not stopped with the stack)'}
  Temporal UI  ${uiUrl ? `${uiUrl} (codec: ${shape.apiUrls[0]}/codec with the admin token below)` : 'off (TEMPORAL_UI_PORT=0)'}
  Database     ${e.DATABASE_URL.replace(/\/\/[^@]*@/, '//***@')}
  Logs         ${e.STACK_LOG_DIR}

Admin token (30d):
  ${mintToken(secret, 'admin', 'admin')}

Stop with Ctrl+C.
`);
}

const uiOrigins = (port: number) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

/** The Web UI of Temporal's image, with the same settings (scripts/temporal-server.sh ui); stopped with the stack. */
async function startUi(root: string, port: number, temporalAddress: string, codecEndpoint: string, logDir: string): Promise<string> {
  const ui = startGroup('temporal-ui', 'bash', [path.join(root, 'scripts', 'temporal-server.sh'), 'ui'], {
    cwd: root,
    env: { ...process.env, TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_UI_PORT: String(port), TEMPORAL_CODEC_ENDPOINT: codecEndpoint },
    logFile: path.join(logDir, 'temporal-ui.log'),
  });
  shutdown!.defer(ui.name, () => ui.stop());
  const deadline = Date.now() + 10 * 60_000;
  while (!(await canConnect(port))) {
    if (!ui.running() || Date.now() > deadline) throw new Error(`The Temporal UI did not start on ${port}; see ${ui.logFile}:\n${ui.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return uiOrigins(port)[0];
}

function definedEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

main().catch((err) => {
  console.error(describeStartupError(err));
  // Stop whatever did start (the Temporal server above all), then exit 1.
  if (shutdown) void shutdown.stop(1);
  else process.exit(1);
});
