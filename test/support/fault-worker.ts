/**
 * A worker process for the fault tests: the production worker (createWorker
 * with the same config, database and bundle as workers/main.ts) whose order
 * steps stop at one chosen point, so a test can SIGKILL the process while a
 * step is inside it. Test-only: production never loads this file.
 *
 *   FAULT_POINT     create:before | create:after-commit | confirm:in-tx | confirm:after-commit
 *   FAULT_HOOK_DIR  where a step that reached the point leaves `<point>.<orderId>`
 *
 * A parked step waits forever (and holds whatever it holds: after-commit its
 * committed result never reaches Temporal; in-tx its open transaction and
 * row locks), so the test can wait for as many markers as it sent orders
 * and then kill the whole process. Without FAULT_POINT it is a plain worker.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { OrderActivities } from '../../activities';
import { loadConfig } from '../../lib/config';
import { createDb } from '../../lib/db';
import { createLogger } from '../../lib/logger';
import { connectClient } from '../../lib/temporal-client';
import { createWorker } from '../../workers/create-worker';
import { startWorkerTelemetry } from '../../workers/telemetry';

const FAULT_POINTS = ['create:before', 'create:after-commit', 'confirm:in-tx', 'confirm:after-commit'] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

function parker(point: FaultPoint, dir: string) {
  return (orderId: string): Promise<never> => {
    fs.writeFileSync(path.join(dir, `${point}.${orderId}`), '');
    return new Promise<never>(() => undefined);
  };
}

function withFault(a: OrderActivities, db: Knex, point: FaultPoint, dir: string): OrderActivities {
  const park = parker(point, dir);
  switch (point) {
    case 'create:before':
      return { ...a, createOrder: (input) => park(input.orderId) };
    case 'create:after-commit':
      return { ...a, createOrder: async (input) => (await a.createOrder(input), park(input.orderId)) };
    case 'confirm:after-commit':
      return {
        ...a,
        transitionOrder: async (t) => {
          const order = await a.transitionOrder(t);
          return t.action === 'confirm' ? park(t.orderId) : order;
        },
      };
    case 'confirm:in-tx':
      parkBeforeCommitMovement(db, park);
      return a;
  }
}

/**
 * Parks a confirm inside its transaction: just before it writes its commit
 * movement, after the order's status, its reservation and the product's
 * counters were updated (uncommitted, rows locked). Knex builds a
 * transaction's client from the dialect's prototype, so the hook goes there.
 */
function parkBeforeCommitMovement(db: Knex, park: (orderId: string) => Promise<never>): void {
  const proto = Object.getPrototypeOf(db.client) as { query: (conn: unknown, obj: unknown) => Promise<unknown> };
  const query = proto.query;
  proto.query = function (conn, obj) {
    const q = obj as { sql?: string; bindings?: unknown[] };
    const key = q.sql?.startsWith('insert into `inventory_movements`') ? q.bindings?.find((b) => typeof b === 'string' && b.startsWith('commit:')) : undefined;
    return typeof key === 'string' ? park(key.split(':')[1]) : query.call(this, conn, obj);
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const point = process.env.FAULT_POINT as FaultPoint | undefined;
  const dir = process.env.FAULT_HOOK_DIR;
  if (point && (!FAULT_POINTS.includes(point) || !dir)) throw new Error(`FAULT_POINT ${point} needs to be one of ${FAULT_POINTS.join(', ')}, with FAULT_HOOK_DIR`);
  const log = createLogger(config.logLevel, 'fault-worker');
  // Steps parked inside a transaction each keep a connection: room for a whole batch of them.
  const db = createDb(config.databaseUrl, config.dataDir, 60);
  await startWorkerTelemetry(config, log);
  const client = await connectClient(config.temporalAddress!, config.temporalNamespace);
  const { worker } = await createWorker({
    address: config.temporalAddress!,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    deps: { db, config, log, temporal: client },
    bundlePath: process.env.WORKFLOW_BUNDLE_PATH,
    wrapActivities: point ? (a) => withFault(a, db, point, dir!) : undefined,
  });
  await worker.run();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
