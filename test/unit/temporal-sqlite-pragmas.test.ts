import { z } from 'zod';
import { DEFAULT_SQLITE_PRAGMAS, sqlitePragmas } from '../../lib/temporal-dev-server';

describe('the dev server SQLite pragmas (TEMPORAL_SQLITE_PRAGMAS)', () => {
  it('keeps the state file in WAL mode with synchronous=normal when the variable is unset', () => {
    expect(sqlitePragmas({})).toEqual(['journal_mode=wal', 'synchronous=normal']);
    expect(DEFAULT_SQLITE_PRAGMAS).toEqual(['journal_mode=wal', 'synchronous=normal']);
  });

  it('takes a comma-separated list of name=value pairs, spaces allowed around them', () => {
    expect(sqlitePragmas({ TEMPORAL_SQLITE_PRAGMAS: 'journal_mode=wal, synchronous=full ,busy_timeout=5000' })).toEqual(['journal_mode=wal', 'synchronous=full', 'busy_timeout=5000']);
  });

  it("passes no pragma at all when the variable is set but empty, which is SQLite's own defaults", () => {
    expect(sqlitePragmas({ TEMPORAL_SQLITE_PRAGMAS: '' })).toEqual([]);
  });

  it('refuses a malformed pragma with an error that names the variable', () => {
    const attempt = () => sqlitePragmas({ TEMPORAL_SQLITE_PRAGMAS: 'journal_mode=wal,synchronous' });
    expect(attempt).toThrow(z.ZodError);
    expect(() => sqlitePragmas({ TEMPORAL_SQLITE_PRAGMAS: 'journal_mode=wal; DROP TABLE x' })).toThrow(/TEMPORAL_SQLITE_PRAGMAS/);
  });
});
