import { assertNodeRunsSqlite, SQLITE_MIN_NODE_MAJOR } from '../../lib/sqlite-node-version';

describe('the Node version check of the embedded SQLite mode', () => {
  it('refuses Node 20 with a message that names the Node it needs and how to get it, instead of a segmentation fault', () => {
    expect(() => assertNodeRunsSqlite('20.20.2')).toThrow('The embedded SQLite mode needs Node 22 or newer; this is Node 20.20.2.');
    expect(() => assertNodeRunsSqlite('20.20.2')).toThrow(/npm start/);
  });

  it('accepts the LTS lines the suite runs on, 22 and 24, and newer majors', () => {
    for (const version of ['22.23.3', '24.21.0', '26.10.0']) expect(() => assertNodeRunsSqlite(version)).not.toThrow();
  });

  it('accepts the Node running this suite, since the SQLite-mode tests run on it', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(SQLITE_MIN_NODE_MAJOR);
    expect(() => assertNodeRunsSqlite()).not.toThrow();
  });
});
