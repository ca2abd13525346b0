import type { Knex } from 'knex';
import { tierFor } from '../domain/pricing';
import type { RulesConfig } from '../domain/rules-config';
import { fromDb } from '../lib/db';

/**
 * Adds a delivered order to its customer's total spent and order count.
 * The increment is done in SQL: reading the total and writing back a sum
 * loses updates when a customer's orders are delivered at the same moment
 * (MariaDB REPEATABLE READ). The tier is then computed from the total read
 * back under the row lock this transaction now holds, never from a stale one.
 */
export async function addToCustomerStats(trx: Knex.Transaction, orderId: string, now: Date, rules: RulesConfig): Promise<void> {
  const order = await trx('orders').where({ id: orderId }).first('customer_id', 'total_centavos');
  const customer = () => trx('customers').where({ id: order.customer_id });
  await customer().update({
    total_spent_centavos: trx.raw('total_spent_centavos + ?', [fromDb.int(order.total_centavos)]),
    orders_count: trx.raw('orders_count + 1'),
    updated_at: now,
  });
  const { total_spent_centavos: spent } = await customer().forUpdate().first('total_spent_centavos');
  await customer().update({ tier: tierFor(fromDb.int(spent), rules) });
}
