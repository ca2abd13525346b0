import { auditInventory } from '../../store/audit-inventory';
import { auditPayments } from '../../store/audit-payments';
import { inventoryReport, ordersReport, pendingItemsReport } from '../../store/report-store';
import { requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { InventoryAuditView, InventoryReportView, OrdersReportView, PendingItemsReportView } from '../schemas/operations-view';
import { operation } from '../openapi/operation';
import { OrdersReportQuery } from '../schemas/reports';

/** The reports of docs/domain.md §6 and the inventory audit (admin only). */
export function reportRoutes(app: App, { db }: ApiDeps): void {
  const doc = (spec: Omit<Parameters<typeof operation>[0], 'tags' | 'access'>) => operation({ ...spec, tags: ['operations'], access: 'admin' });

  app.get('/v1/reports/orders', { config: { admin: true }, schema: { ...doc({ operationId: 'getOrdersReport', summary: 'Count orders and revenue by status and UTC day', ok: { schema: OrdersReportView, description: 'The report' }, problems: ['VALIDATION_ERROR'] }), querystring: OrdersReportQuery } }, async (req) => {
    await requireAdmin(req);
    return ordersReport(db, req.query);
  });

  app.get('/v1/reports/pending-items', { config: { admin: true }, schema: doc({ operationId: 'getPendingItemsReport', summary: 'List the quantities held by active reservations', ok: { schema: PendingItemsReportView, description: 'Per product, largest first' } }) }, async (req) => {
    await requireAdmin(req);
    return pendingItemsReport(db);
  });

  app.get('/v1/reports/inventory', { config: { admin: true }, schema: doc({ operationId: 'getInventoryReport', summary: 'List every product\'s stock with its low-stock flag', ok: { schema: InventoryReportView, description: 'Per product, by SKU' } }) }, async (req) => {
    await requireAdmin(req);
    return inventoryReport(db);
  });

  // Reads every movement once: fine on demand, not for a dashboard that polls.
  app.get('/v1/reports/audit', { config: { admin: true }, schema: doc({ operationId: 'auditInventory', summary: 'Check the stock ledger against stock and reservations', ok: { schema: InventoryAuditView, description: 'clean, or every violation found' } }) }, async (req) => {
    await requireAdmin(req);
    const report = await auditInventory(db);
    const payments = await auditPayments(db);
    return { clean: report.violations.length === 0 && payments.violations.length === 0, ...report, payments };
  });
}
