import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canConnect } from '../../lib/temporal-dev-server';
import { freePort, startEntryPoint, startNpmStart, type Started } from '../support/process';

/**
 * The entry points as real processes: `npm start` on a fresh clone, Ctrl+C
 * and SIGTERM, and the standalone API and worker stopped by a container
 * runtime. Each must stop in order and exit 0, never crash on the way out.
 */
const SECRET = 'a-test-secret-of-at-least-32-characters';
const CODEC_KEYS = `k1:${randomBytes(32).toString('base64')}`;
const RUNNING = 'Orderly is running';
const started: Started[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const p of started.splice(0)) p.kill();
});
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tmpDataDir(): string {
  const dir = path.join(os.tmpdir(), `orderly-start-${randomUUID()}`);
  dirs.push(dir);
  return dir;
}

/** The shutdown steps in the order the process logged them as done. */
const stoppedSteps = (output: string): string[] =>
  output
    .split('\n')
    .filter((line) => line.includes('"msg":"stopped"'))
    .map((line) => (JSON.parse(line) as { step: string }).step);

/** `npm start` with a dev server of its own on free ports; its state under dataDir. */
async function npmStart(env: Record<string, string>): Promise<{ process: Started; temporalPort: number }> {
  const [temporalPort, uiPort] = [await freePort(), await freePort()];
  const p = startEntryPoint('scripts/start.ts', {
    // Port 0: the API binds after the dev server, which takes random ports of its own; a port chosen ahead could be one of them.
    PORT: '0',
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    WORKER_METRICS_PORT: '0',
    TASK_QUEUE: `start-${randomUUID()}`,
    ...env,
  });
  started.push(p);
  return { process: p, temporalPort };
}

describe('npm start', () => {
  it('starts on a fresh clone with AUTH_JWT_SECRET set, creating the data folder that does not exist yet', async () => {
    const dataDir = tmpDataDir();
    const { process: p } = await npmStart({ DATA_DIR: dataDir, AUTH_JWT_SECRET: SECRET });
    await p.waitFor(RUNNING);
    expect(fs.existsSync(path.join(dataDir, 'temporal.db'))).toBe(true);
    // The generated payload key sits beside Temporal's state, owner-only.
    expect(fs.statSync(path.join(dataDir, 'dev-payload-key')).mode & 0o777).toBe(0o600);
    process.kill(-p.child.pid!, 'SIGINT');
    expect((await p.exited()).code).toBe(0);
  });

  it('starts with a short AUTH_JWT_SECRET but warns that it can be guessed', async () => {
    const { process: p } = await npmStart({ DATA_DIR: tmpDataDir(), AUTH_JWT_SECRET: 'x' });
    await p.waitFor(RUNNING);
    expect(p.output()).toContain('AUTH_JWT_SECRET is shorter than 32 characters');
    process.kill(-p.child.pid!, 'SIGINT');
    expect((await p.exited()).code).toBe(0);
  });

  it('stops in order on Ctrl+C and exits 0 without a crash, leaving no Temporal dev server behind', async () => {
    const { process: p, temporalPort } = await npmStart({ DATA_DIR: tmpDataDir(), DATABASE_URL: process.env.TEST_DATABASE_URL! });
    await p.waitFor(RUNNING);
    // Ctrl+C in a terminal signals the whole foreground process group, the dev server included.
    process.kill(-p.child.pid!, 'SIGINT');
    const { code, ms } = await p.exited(20_000);
    expect(p.output()).not.toContain('IllegalStateError');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(20_000);
    expect(p.output()).toMatch(/Payments {5}http:\/\/127\.0\.0\.1:\d+ \(local test gateway/);
    expect(stoppedSteps(p.output())).toEqual(['API', 'worker', 'worker connection', 'Temporal client', 'database', 'local payment provider', 'Temporal dev server']);
    expect(await canConnect(temporalPort)).toBe(false);
  });

  it('stops on a SIGTERM to its own process alone, and stops the dev server it started', async () => {
    const { process: p, temporalPort } = await npmStart({ DATA_DIR: tmpDataDir(), AUTH_JWT_SECRET: SECRET });
    await p.waitFor(RUNNING);
    p.child.kill('SIGTERM');
    expect((await p.exited(20_000)).code).toBe(0);
    expect(p.output()).not.toContain('IllegalStateError');
    expect(await canConnect(temporalPort)).toBe(false);
  });

  it('exits 0 when Ctrl+C reaches `npm start` and its node process both, as in a terminal', async () => {
    const [temporalPort, uiPort] = [await freePort(), await freePort()];
    const p = startNpmStart({ PORT: '0', TEMPORAL_PORT: String(temporalPort), TEMPORAL_UI_PORT: String(uiPort), WORKER_METRICS_PORT: '0', DATA_DIR: tmpDataDir() });
    started.push(p);
    await p.waitFor(RUNNING);
    // The terminal signals the whole group; npm also forwards what it got to its child: two SIGINTs, one Ctrl+C.
    process.kill(-p.child.pid!, 'SIGINT');
    const exit = await p.exited(30_000);
    expect(p.output()).not.toContain('second signal');
    expect(exit.code).toBe(0);
  });

  it('exits at once with 130 on a second Ctrl+C during the shutdown', async () => {
    const { process: p } = await npmStart({ DATA_DIR: tmpDataDir(), AUTH_JWT_SECRET: SECRET });
    await p.waitFor(RUNNING);
    p.child.kill('SIGINT');
    await p.waitFor('shutting down', 5_000);
    // Later than a duplicate delivery of the first (see the next test), while the dev server is still stopping.
    await new Promise((r) => setTimeout(r, 400));
    p.child.kill('SIGINT');
    expect((await p.exited(5_000)).code).toBe(130);
    expect(p.output()).toContain('second signal');
  });
});

describe('the standalone processes of the production shape', () => {
  const standaloneEnv = () => ({
    DATABASE_URL: process.env.TEST_DATABASE_URL!,
    TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS!,
    AUTH_JWT_SECRET: SECRET,
    PAYLOAD_CODEC_KEYS: CODEC_KEYS,
    TASK_QUEUE: `standalone-${randomUUID()}`,
    WORKER_METRICS_PORT: '0',
  });

  it('the API exits 0 on SIGTERM after it stops accepting', async () => {
    const port = await freePort();
    const p = startEntryPoint('api/main.ts', { ...standaloneEnv(), PORT: String(port) });
    started.push(p);
    await p.waitFor('Server listening');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    p.child.kill('SIGTERM');
    const exit = await p.exited(15_000);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(await canConnect(port)).toBe(false);
  });

  it('the worker exits 0 on SIGTERM after draining', async () => {
    const p = startEntryPoint('workers/main.ts', standaloneEnv());
    started.push(p);
    await p.waitFor('worker started');
    p.child.kill('SIGTERM');
    expect(await p.exited(15_000)).toMatchObject({ code: 0, signal: null });
  });

  it.each(['api/main.ts', 'workers/main.ts'])('%s starts without PAYLOAD_CODEC_KEYS (only the contract\'s variables set) and warns that payloads are unencrypted', async (script) => {
    const p = startEntryPoint(script, { ...standaloneEnv(), PAYLOAD_CODEC_KEYS: '', PORT: String(await freePort()) });
    started.push(p);
    await p.waitFor('PAYLOAD_CODEC_KEYS is not set');
    p.child.kill('SIGTERM');
    expect((await p.exited(15_000)).code).toBe(0);
  });
});
