import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startDevServer } from '../../lib/temporal-dev-server';
import { freePort } from '../support/process';

/** The journal mode the dev server left its state file in (WAL mode is kept in the file itself). */
async function journalModeAfterStart(sqlitePragmas?: string[]): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-devserver-'));
  const dbFile = path.join(dir, 'temporal.db');
  const server = await startDevServer({ port: await freePort(), dbFile, sqlitePragmas });
  await server.stop();
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.pragma('journal_mode', { simple: true }) as string;
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the embedded dev server state file', () => {
  it('is kept in WAL mode by default', async () => {
    expect(await journalModeAfterStart()).toBe('wal');
  });

  it("keeps SQLite's rollback journal when no pragma is asked for", async () => {
    expect(await journalModeAfterStart([])).toBe('delete');
  });
});
