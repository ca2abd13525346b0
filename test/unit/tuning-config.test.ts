import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../lib/config';
import { createDb } from '../../lib/db';

describe('worker and database tuning settings', () => {
  it("leave the SDK's worker defaults, a pool of 10 and SQLite waiting for the disk on every commit when unset", () => {
    const config = loadConfig({});
    expect(config.workerTuning).toEqual({ workflowTaskSlots: undefined, localActivitySlots: undefined, maxCachedWorkflows: undefined });
    expect(config.databasePoolSize).toBe(10);
    expect(config.sqliteSynchronous).toBe('full');
  });

  it('read the slots, the cache size, the pool size and the SQLite sync mode from the environment', () => {
    const config = loadConfig({ WORKER_WORKFLOW_TASK_SLOTS: '20', WORKER_LOCAL_ACTIVITY_SLOTS: '10', WORKER_MAX_CACHED_WORKFLOWS: '500', DATABASE_POOL_SIZE: '4', SQLITE_SYNCHRONOUS: 'normal' });
    expect(config.workerTuning).toEqual({ workflowTaskSlots: 20, localActivitySlots: 10, maxCachedWorkflows: 500 });
    expect(config.databasePoolSize).toBe(4);
    expect(config.sqliteSynchronous).toBe('normal');
  });

  it.each([
    ['WORKER_WORKFLOW_TASK_SLOTS', '1'],
    ['DATABASE_POOL_SIZE', '0'],
    ['SQLITE_SYNCHRONOUS', 'off'],
  ])('refuses %s=%s at start-up', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it.each([
    ['full', 2],
    ['normal', 1],
  ] as const)('opens the embedded SQLite file with synchronous=%s', async (mode, pragmaValue) => {
    const db = createDb(`sqlite:${path.join(os.tmpdir(), `orderly-sync-${randomUUID()}.sqlite`)}`, os.tmpdir(), 1, mode);
    try {
      const rows = (await db.raw('PRAGMA synchronous')) as { synchronous: number }[];
      expect(rows[0].synchronous).toBe(pragmaValue);
    } finally {
      await db.destroy();
    }
  });
});
