import { createReadStream } from 'node:fs';
import path from 'node:path';
import view from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyInstance } from 'fastify';
import { securePages } from '../admin/page-security';
import type { ApiDeps, App } from '../context';
import { customerPages } from './customers';
import { errorPages } from './errors';
import { homePage } from './home';
import { inventoryPages } from './inventory';
import { notificationPages } from './notifications';
import { orderActions } from './order-actions';
import { orderDetailPage } from './order-detail';
import { orderListPage } from './order-list';
import { promoPages } from './promos';
import { queuePages } from './queues';
import { loadStaff } from './session';
import { signInPages } from './sign-in';

/** Files the pages load, all from /admin/assets so the CSP's script-src 'self' covers them. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'htmx.min.js': { file: require.resolve('htmx.org/dist/htmx.min.js'), type: 'application/javascript' },
  'uPlot.iife.min.js': { file: require.resolve('uplot/dist/uPlot.iife.min.js'), type: 'application/javascript' },
  'uPlot.min.css': { file: require.resolve('uplot/dist/uPlot.min.css'), type: 'text/css' },
  'console.css': { file: path.join(__dirname, '..', 'views', 'assets', 'console.css'), type: 'text/css' },
  'console.js': { file: path.join(__dirname, '..', 'views', 'assets', 'console.js'), type: 'application/javascript' },
};

/**
 * The staff console under /admin: server-rendered pages (eta), htmx for
 * actions in place, staff sessions by cookie. Its security (CSRF, headers,
 * cross-site refusal) and plugins stay inside this context, away from /v1.
 * Order actions go through actOnOrder, the same workflow Updates as the API.
 */
export function staffConsole(app: App, deps: ApiDeps): void {
  void app.register(async (admin: FastifyInstance) => {
    await securePages(admin);
    await admin.register(view, { engine: { eta: new Eta({ autoEscape: true, cache: true }) }, root: path.join(__dirname, '..', 'views') });
    admin.addHook('onRequest', loadStaff(deps));
    // The console is not part of the API's contract: none of it goes in the OpenAPI document.
    admin.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
    });

    admin.get('/admin/assets/:name', (req, reply) => {
      const asset = ASSETS[(req.params as { name: string }).name];
      if (!asset) return reply.code(404).type('text/plain').send('Not found');
      return reply.type(`${asset.type}; charset=utf-8`).header('cache-control', 'public, max-age=3600').send(createReadStream(asset.file));
    });

    const a = admin as unknown as App;
    signInPages(a, deps);
    homePage(a, deps);
    orderListPage(a, deps);
    orderDetailPage(a, deps);
    orderActions(a, deps);
    queuePages(a, deps);
    inventoryPages(a, deps);
    errorPages(a, deps);
    notificationPages(a, deps);
    customerPages(a, deps);
    promoPages(a, deps);
  });
}
