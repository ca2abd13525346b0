import { benchConfig } from '../../bench/bench-config';
import { parsePids } from '../../bench/process-cpu';
import { phaseOf, summaryLine, type Run } from '../../bench/report';

const load = { orders: 4, errors: 0, seconds: 2, createMs: [10, 20, 30, 400], confirmMs: [5, 6, 7, 8] };

describe('the bench summary line', () => {
  it('gives throughput, the ratio to the ceiling, latencies, deadlocks and CPU per process as key=value pairs', () => {
    const run: Run = {
      mode: 'closed',
      concurrency: 20,
      load: null,
      rate: null,
      products: 1,
      orderly: phaseOf('orderly', load, { app: 41.94, temporal: 17.8 }, 3),
      bare: phaseOf('bare', { ...load, seconds: 1 }, { worker: 12.1 }, 0),
      regular: null,
    };
    const pairs = Object.fromEntries(summaryLine(run).split(' ').filter((w) => w.includes('=')).map((w) => w.split('=')));
    expect(pairs).toMatchObject({ mode: 'closed', c: '20', orderly_ops: '2.00', bare_ops: '4.00', ratio: '0.50', create_p50: '20.0', create_p99: '400', deadlocks: '3', app: '41.9', bare_worker: '12.1' });
  });

  it('leaves the ratio out of an open-loop line, where both systems get the same arrivals', () => {
    const run: Run = { mode: 'open', concurrency: null, load: 0.5, rate: 2, products: 1, orderly: phaseOf('orderly', load, {}, null), bare: phaseOf('bare', load, {}, null), regular: null };
    expect(summaryLine(run)).toMatch(/^bench: mode=open load=0.5 rate=2.00 /);
    expect(summaryLine(run)).not.toContain('ratio=');
  });
});

describe('the bench settings', () => {
  it('reads product counts and sweep concurrencies as comma-separated lists', () => {
    const cfg = benchConfig({ BENCH_PRODUCTS: '1, 20', BENCH_SWEEP: '1,4' });
    expect(cfg.products).toEqual([1, 20]);
    expect(cfg.sweep.concurrencies).toEqual([1, 4]);
  });

  it('sums the processes of a role named more than once in BENCH_PIDS', () => {
    expect(parsePids('api=12,worker=34,worker=56')).toEqual({ api: [12], worker: [34, 56] });
  });

  it('spreads orders over every API of BENCH_API_URL and runs one bare worker per Orderly worker', () => {
    const cfg = benchConfig({ BENCH_API_URL: 'http://127.0.0.1:3000, http://127.0.0.1:3001', BENCH_WORKER_METRICS_PORTS: '9464,9466' });
    expect(cfg.apiUrls).toEqual(['http://127.0.0.1:3000', 'http://127.0.0.1:3001']);
    expect(cfg.workerMetricsPorts).toEqual([9464, 9466]);
    expect(cfg.bareWorkers).toBe(2);
    expect(benchConfig({}).bareWorkers).toBe(1);
    expect(benchConfig({ BENCH_WORKER_METRICS_PORTS: '9464,9466', BENCH_BARE_WORKERS: '1' }).bareWorkers).toBe(1);
    expect(benchConfig({ WORKER_METRICS_PORT: '0' }).workerMetricsPorts).toEqual([]);
  });

  it('counts deadlocks only on MariaDB/MySQL, never on SQLite', () => {
    expect(benchConfig({}).databaseUrl).toBeUndefined();
    expect(benchConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/shop' }).databaseUrl).toBe('mysql://root@127.0.0.1:3306/shop');
  });

  it('refuses BENCH_PIDS that are not role=pid pairs', () => {
    expect(parsePids('api=12,worker=34')).toEqual({ api: [12], worker: [34] });
    expect(() => parsePids('api=twelve')).toThrow(/role=pid/);
  });
});
