import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process's Prometheus registry. The API's HTTP metrics and the worker's
 * activity metrics register here; in the embedded default (`npm start`) API
 * and worker share one process and so one registry. Node's own process
 * metrics (heap, event loop lag, GC) come with it.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** Seconds, from a few milliseconds (a cached read) to a slow workflow round trip. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
