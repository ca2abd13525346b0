import type { Knex } from 'knex';
import { fromDb } from '../lib/db';

/**
 * Checks the money invariants (docs/payments.md) over the whole database, for
 * every order with a payment:
 * - refunded <= captured (the database refuses otherwise; this would find a
 *   row written around it);
 * - captured = the sum of the ledger's captures;
 * - refunded = the refunds reserved (pending or paid back), failed ones given back;
 * - the ledger's refunds = the refunds paid back.
 * Read-only, in one transaction so every check sees the same snapshot.
 */
export type PaymentCheck = 'refunded_exceeds_captured' | 'captured_vs_ledger' | 'refunded_vs_refunds' | 'refund_ledger_vs_refunds';

export interface PaymentViolation {
  orderId: string;
  check: PaymentCheck;
  expected: number;
  actual: number;
  detail: string;
}

export interface PaymentAuditReport {
  orders: number;
  violations: PaymentViolation[];
}

type Row = Record<string, unknown>;

export async function auditPayments(db: Knex): Promise<PaymentAuditReport> {
  return db.transaction(async (trx) => {
    const ledger = trx('payments')
      .select('order_id')
      .sum({ captured: trx.raw("CASE WHEN kind = 'capture' THEN amount_centavos ELSE 0 END") })
      .sum({ refunded: trx.raw("CASE WHEN kind = 'refund' THEN amount_centavos ELSE 0 END") })
      .groupBy('order_id')
      .as('l');
    const refunds = trx('refunds')
      .select('order_id')
      .sum({ reserved: trx.raw("CASE WHEN status IN ('pending', 'succeeded') THEN amount_centavos ELSE 0 END") })
      .sum({ paid: trx.raw("CASE WHEN status = 'succeeded' THEN amount_centavos ELSE 0 END") })
      .groupBy('order_id')
      .as('r');
    const rows: Row[] = await trx('order_payments as p')
      .leftJoin(ledger, 'l.order_id', 'p.order_id')
      .leftJoin(refunds, 'r.order_id', 'p.order_id')
      .select('p.order_id', 'p.captured_centavos', 'p.refunded_centavos', { ledger_captured: 'l.captured', ledger_refunded: 'l.refunded', reserved: 'r.reserved', paid: 'r.paid' })
      .orderBy('p.order_id');
    return { orders: rows.length, violations: rows.flatMap(violationsOf) };
  });
}

function violationsOf(p: Row): PaymentViolation[] {
  const orderId = String(p.order_id);
  const captured = fromDb.int(p.captured_centavos);
  const refunded = fromDb.int(p.refunded_centavos);
  const found: PaymentViolation[] = [];
  const v = (check: PaymentCheck, expected: number, actual: number, detail: string) => found.push({ orderId, check, expected, actual, detail });
  if (refunded > captured) v('refunded_exceeds_captured', captured, refunded, `refunded ${refunded} is more than the ${captured} captured`);
  const ledgerCaptured = fromDb.int(p.ledger_captured);
  if (captured !== ledgerCaptured) v('captured_vs_ledger', ledgerCaptured, captured, `captured is ${captured} but the ledger's captures add up to ${ledgerCaptured}`);
  const reserved = fromDb.int(p.reserved);
  if (refunded !== reserved) v('refunded_vs_refunds', reserved, refunded, `refunded is ${refunded} but pending and paid refunds add up to ${reserved}`);
  const paid = fromDb.int(p.paid);
  const ledgerRefunded = fromDb.int(p.ledger_refunded);
  if (ledgerRefunded !== paid) v('refund_ledger_vs_refunds', paid, ledgerRefunded, `the ledger's refunds add up to ${ledgerRefunded} but paid refunds to ${paid}`);
  return found;
}
