import { auditInventory } from '../../store/audit-inventory';
import { auditPayments } from '../../store/audit-payments';
import { inventoryReport, ordersReport, pendingItemsReport } from '../../store/report-store';
import { requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { bearer } from '../schemas/common';
import { OrdersReportQuery } from '../schemas/reports';

/** The reports of docs/domain.md §6 and the inventory audit (admin only). */
export function reportRoutes(app: App, { db }: ApiDeps): void {
  const schema = { tags: ['operations'], security: bearer };

  app.get('/v1/reports/orders', { config: { admin: true }, schema: { ...schema, querystring: OrdersReportQuery } }, async (req) => {
    await requireAdmin(req);
    return ordersReport(db, req.query);
  });

  app.get('/v1/reports/pending-items', { config: { admin: true }, schema }, async (req) => {
    await requireAdmin(req);
    return pendingItemsReport(db);
  });

  app.get('/v1/reports/inventory', { config: { admin: true }, schema }, async (req) => {
    await requireAdmin(req);
    return inventoryReport(db);
  });

  // Reads every movement once: fine on demand, not for a dashboard that polls.
  app.get('/v1/reports/audit', { config: { admin: true }, schema }, async (req) => {
    await requireAdmin(req);
    const report = await auditInventory(db);
    const payments = await auditPayments(db);
    return { clean: report.violations.length === 0 && payments.violations.length === 0, ...report, payments };
  });
}
