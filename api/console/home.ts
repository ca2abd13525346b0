import { readDashboard } from '../../store/console/dashboard';
import type { ApiDeps, App } from '../context';
import { render } from './render';
import { signedIn } from './session';

/** Today at a glance: counts, revenue, rejections by rule, what needs a person, orders per hour. */
export function homePage(app: App, { db }: ApiDeps): void {
  app.get('/admin', { preHandler: signedIn }, async (req, reply) => {
    const dashboard = await readDashboard(db);
    const chart = { labels: dashboard.perHour.map((h) => Date.parse(h.hour) / 1000), orders: dashboard.perHour.map((h) => h.orders) };
    return render(req, reply, 'home', { d: dashboard, chart: JSON.stringify(chart) });
  });
}
