import http from 'node:http';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { AppConfig } from '../lib/config';
import { registry } from '../lib/metrics';

/**
 * The worker's Prometheus endpoints, two scrape targets side by side:
 * - WORKER_METRICS_PORT (default 9464): the Temporal SDK's own metrics
 *   (task slots, poll and schedule-to-start latency, sticky cache, ...),
 *   served by the SDK core's exporter;
 * - WORKER_METRICS_PORT + 1: this process's prom-client registry (activity
 *   executions and latency by type, Node process metrics).
 * Two ports rather than one merged page: the core exporter takes no extra
 * metrics, and merging would mean proxying its text through this process.
 * Call it before the first NativeConnection: the SDK runtime is installed
 * once per process. WORKER_METRICS_PORT=0 turns both off. A port already
 * taken costs the metrics, with a warning, never the worker: orders matter
 * more than their graphs.
 */
export async function startWorkerTelemetry(config: AppConfig, log: Logger, host = '0.0.0.0'): Promise<void> {
  const port = config.workerMetricsPort;
  // The SDK logs every worker state change at INFO; below debug only its warnings are worth a line.
  const logger = new DefaultLogger(config.logLevel === 'debug' || config.logLevel === 'trace' ? 'DEBUG' : 'WARN');
  // Our processes stop on SIGINT/SIGTERM themselves, in order (lib/graceful-shutdown.ts): the SDK's own hook would drain the worker first.
  const shutdownSignals: NodeJS.Signals[] = [];
  if (port === 0) {
    Runtime.install({ logger, shutdownSignals });
    return;
  }
  try {
    Runtime.install({ logger, shutdownSignals, telemetryOptions: { metrics: { prometheus: { bindAddress: `${host}:${port}` } } } });
  } catch (err) {
    log.warn({ err, port }, 'Temporal SDK metrics are off');
    Runtime.install({ logger, shutdownSignals });
  }
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => {
    server.once('error', (err) => {
      log.warn({ err, port: port + 1 }, 'worker metrics are off');
      resolve();
    });
    server.listen(port + 1, host, resolve);
  });
  // Scraping must not keep a worker that is shutting down alive.
  server.unref();
}
