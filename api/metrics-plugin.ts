import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ORDER_STATUSES } from '../domain/order-status';
import { LATENCY_BUCKETS, registry } from '../lib/metrics';
import { countRejectionsByCode } from '../store/rejection-store';
import { countNotificationsByStatus, countOrdersByStatus, hasNotificationsTable } from '../store/status-counts';
import type { ApiDeps, App } from './context';
import { Problem } from './problem';
import { operation } from './openapi/operation';
import { z } from 'zod';

const labelNames = ['method', 'route', 'status_code'] as const;
const requests = new Counter({ name: 'orderly_http_requests_total', help: 'HTTP requests answered, by route pattern, method and status code', labelNames, registers: [registry] });
const duration = new Histogram({
  name: 'orderly_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by route pattern, method and status code',
  labelNames,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

/**
 * `GET /metrics` (Prometheus text) and the request metrics behind it.
 *
 * Open unless METRICS_TOKEN is set, as with most scrape targets:
 * Prometheus scrapes without credentials by default, and what is here is
 * aggregate counts with bounded labels - no ids, no personal data, no money
 * amounts. Where the API faces the internet, set METRICS_TOKEN (Prometheus:
 * `authorization: { credentials: … }`) or keep the path off it at the proxy.
 */
/** Open unless METRICS_TOKEN is set: then the scraper sends it as a bearer token (`{}` in security means "no token also works"). */
const METRICS_DOC = {
  ...operation({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics (text exposition format)',
    description: 'Needs `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set; open otherwise.',
    tags: ['service'],
    access: 'public',
    probe: true,
    ok: { schema: z.string(), description: 'Prometheus text', mediaType: 'text/plain' },
    problems: ['UNAUTHENTICATED'],
  }),
  security: [{}, { metricsToken: [] }] as Record<string, string[]>[],
};

export function metricsPlugin(app: App, { db, config }: ApiDeps): void {
  const { metricsToken } = config.http;
  app.addHook('onResponse', async (req, reply) => {
    // The route pattern (/v1/orders/:id), never the raw URL: one series per order id would swamp Prometheus.
    const labels = { method: req.method, route: req.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  const fromDatabase = databaseGauges(db);
  app.get('/metrics', { schema: METRICS_DOC }, async (req, reply) => {
    if (metricsToken && !bearerMatches(req, metricsToken)) {
      throw new Problem('UNAUTHENTICATED', 'Scraping /metrics needs the bearer token in METRICS_TOKEN', [], { 'www-authenticate': 'Bearer' });
    }
    // A database outage must not cost the scrape its process and HTTP metrics: those gauges just go missing.
    const counts = await fromDatabase.metrics().catch((err: unknown) => {
      req.log.warn({ err }, 'metrics: database gauges unavailable');
      return '';
    });
    return reply.type(registry.contentType).send(`${await registry.metrics()}\n${counts}`);
  });
}

/** Compares digests, so the time taken does not tell how much of the token was right. */
function bearerMatches(req: FastifyRequest, token: string): boolean {
  const sent = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(sent), digest(token));
}

/** Gauges read from the database at scrape time, in a registry per app because they need its connection. */
function databaseGauges(db: Knex): Registry {
  const reg = new Registry();
  new Gauge({
    name: 'orderly_orders',
    help: 'Orders by current status',
    labelNames: ['status'],
    registers: [reg],
    async collect() {
      const counts = await countOrdersByStatus(db);
      // Every status present, zero included, so a status emptying out reads as 0 rather than vanishing.
      for (const status of ORDER_STATUSES) this.set({ status }, 0);
      for (const [status, n] of counts) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'orderly_order_rejections',
    help: 'Rejected order attempts by rule code (an attempt counts once under each of its codes)',
    labelNames: ['code'],
    registers: [reg],
    async collect() {
      const { byCode } = await countRejectionsByCode(db);
      this.reset();
      for (const [code, n] of byCode) this.set({ code }, n);
    },
  });
  let notificationsExist = false;
  new Gauge({
    name: 'orderly_notifications',
    help: 'Notifications by delivery status',
    labelNames: ['status'],
    registers: [reg],
    async collect() {
      // Its migration may not have run on this database yet; once there, the table stays.
      notificationsExist ||= await hasNotificationsTable(db);
      if (!notificationsExist) return;
      const counts = await countNotificationsByStatus(db);
      this.reset();
      for (const [status, n] of counts) this.set({ status }, n);
    },
  });
  return reg;
}
