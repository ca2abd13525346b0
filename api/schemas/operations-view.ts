import { z } from 'zod';
import { ERROR_CATEGORIES, ERROR_SEVERITIES } from '../../domain/error-log';
import { NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS, type NotificationStatus } from '../../domain/notifications';
import { ORDER_STATUSES } from '../../domain/order-status';
import type { AuditCheck } from '../../store/audit-inventory';
import type { PaymentCheck } from '../../store/audit-payments';
import { PRODUCT_STATUSES } from './catalogue';
import { centavosOut, id, instant, nextCursor } from './response-common';

/** What the operations routes answer: the error log, reports, the audit, notifications, metrics, probes. */
export const ErrorEntryView = z
  .strictObject({
    id,
    orderId: z.string().nullable(),
    category: z.enum(ERROR_CATEGORIES),
    severity: z.enum(ERROR_SEVERITIES),
    code: z.string(),
    message: z.string().describe('Personal data and internals are taken out'),
    details: z.unknown().describe('Structured context; its shape depends on the code'),
    createdAt: instant,
    resolved: z.boolean(),
    resolvedAt: instant.nullable(),
    resolvedBy: z.string().nullable(),
    resolutionNote: z.string().nullable(),
  })
  .meta({ id: 'ErrorEntry' });
export const ErrorEntryPage = z.strictObject({ data: z.array(ErrorEntryView), nextCursor }).meta({ id: 'ErrorEntryPage' });

const Tally = { orders: z.number().int(), revenueCentavos: centavosOut };
export const OrdersReportView = z
  .strictObject({
    from: z.string().nullable(),
    to: z.string().nullable(),
    timeZone: z.literal('UTC'),
    totals: z.strictObject(Tally),
    byStatus: z.array(z.strictObject({ status: z.enum(ORDER_STATUSES), ...Tally })),
    byDay: z.array(z.strictObject({ day: z.string().describe('YYYY-MM-DD (UTC)'), ...Tally, byStatus: z.partialRecord(z.enum(ORDER_STATUSES), z.number().int()) })),
  })
  .meta({ id: 'OrdersReport' });

export const PendingItemsReportView = z
  .strictObject({ data: z.array(z.strictObject({ productId: id, sku: z.string(), name: z.string(), reservedQuantity: z.number().int(), orders: z.number().int() })) })
  .meta({ id: 'PendingItemsReport' });

export const InventoryReportView = z
  .strictObject({
    data: z.array(
      z.strictObject({
        productId: id,
        sku: z.string(),
        name: z.string(),
        status: z.enum(PRODUCT_STATUSES),
        onHand: z.number().int(),
        reserved: z.number().int(),
        available: z.number().int(),
        lowStockThreshold: z.number().int(),
        lowStock: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'InventoryReport' });

const AUDIT_CHECKS = ['reserved_vs_reservations', 'on_hand_vs_ledger', 'reserved_vs_ledger', 'stock_bounds', 'ledger_chain', 'orphan_reservation', 'returned_exceeds_sold'] as const satisfies readonly AuditCheck[];
const PAYMENT_CHECKS = ['refunded_exceeds_captured', 'captured_vs_ledger', 'refunded_vs_refunds', 'refund_ledger_vs_refunds'] as const satisfies readonly PaymentCheck[];
export const InventoryAuditView = z
  .strictObject({
    clean: z.boolean(),
    products: z.number().int(),
    movements: z.number().int(),
    violations: z.array(
      z.strictObject({
        productId: id,
        sku: z.string(),
        check: z.enum(AUDIT_CHECKS),
        expected: z.number().int().nullable(),
        actual: z.number().int().nullable(),
        ref: z.string().nullable(),
        detail: z.string(),
      }),
    ),
    payments: z
      .strictObject({
        orders: z.number().int(),
        violations: z.array(z.strictObject({ orderId: id, check: z.enum(PAYMENT_CHECKS), expected: z.number().int(), actual: z.number().int(), detail: z.string() })),
      })
      .describe('The money invariants (docs/payments.md): refunded <= captured, ledger and totals agree'),
  })
  .meta({ id: 'InventoryAudit' });

export const RejectionsReportView = z
  .strictObject({
    from: instant,
    to: instant,
    rejectedAttempts: z.number().int(),
    byCode: z.array(z.strictObject({ code: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'RejectionsReport' });

const NOTIFICATION_STATUSES = ['queued', 'sent', 'dead', 'skipped'] as const satisfies readonly NotificationStatus[];
export const NotificationList = z
  .strictObject({
    data: z.array(
      z.strictObject({
        id,
        event: z.enum(NOTIFICATION_EVENTS),
        channel: z.enum(NOTIFICATION_CHANNELS),
        recipient: z.string().nullable(),
        status: z.enum(NOTIFICATION_STATUSES),
        lastError: z.string().nullable(),
        createdAt: instant,
        updatedAt: instant,
        sentAt: instant.nullable(),
        attempts: z.array(z.strictObject({ attemptNo: z.number().int(), outcome: z.enum(['ok', 'failed']), error: z.string().nullable(), at: instant })),
      }),
    ),
  })
  .meta({ id: 'NotificationList' });

const ms = z.number().int().nullable();
export const OrderMetricsView = z
  .strictObject({ orderId: id, validatingMs: ms, reservingMs: ms, committingMs: ms, endToEndMs: ms, updatedAt: instant.nullable() })
  .meta({ id: 'OrderMetrics' });

export const Health = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Health' });
export const Readiness = z.strictObject({ status: z.literal('ready'), database: z.literal('ok'), temporal: z.literal('ok') }).meta({ id: 'Readiness' });
