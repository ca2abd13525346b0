import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import type { OrderActivities } from '../../activities';
import { startStack, type Stack } from './stack';

/** Failures a path switches on for its own order, then off again. */
export interface Faults {
  /** validateOrder fails for good (the database away past the retries) */
  validate: boolean;
  /** createOrder fails for good without a business reason */
  create: boolean;
  /** the confirm step fails for good */
  confirm: boolean;
  /** the order's products are made inactive between validation and reservation, as by an admin meanwhile */
  deactivateBeforeReserve: boolean;
}

/**
 * The stacks every path of the order workflow runs on: `main` with the
 * default windows and switchable faults, `short` with one-second reservation
 * and verification windows, so the expiry paths end in a second.
 */
export interface PathStacks {
  main: Stack;
  short: Stack;
  faults: Faults;
  close(): Promise<void>;
}

const outage = (what: string) => ApplicationFailure.nonRetryable(`simulated: ${what} failed for good`, 'SIMULATED_OUTAGE');

/** The order activities with each fault switched in; `db` reaches the stack's database once it is up. */
function withFaults(a: OrderActivities, faults: Faults, db: () => Knex): OrderActivities {
  return {
    ...a,
    validateOrder: async (v) => {
      if (faults.validate) throw outage('validation');
      return a.validateOrder(v);
    },
    createOrder: async (c) => {
      if (faults.create) throw outage('creating the order');
      if (faults.deactivateBeforeReserve) await db()('products').whereIn('id', c.request.items.map((i) => i.productId)).update({ status: 'inactive' });
      return a.createOrder(c);
    },
    transitionOrder: async (t) => {
      if (faults.confirm && t.action === 'confirm') throw outage('committing the stock');
      return a.transitionOrder(t);
    },
  };
}

export async function startPathStacks(): Promise<PathStacks> {
  const faults: Faults = { validate: false, create: false, confirm: false, deactivateBeforeReserve: false };
  // With the local payment gateway: online orders (the default here) open a checkout, as in the embedded default.
  const main: Stack = await startStack({ payments: true, wrapActivities: (a) => withFaults(a, faults, () => main.db) });
  const short = await startStack({ env: { RESERVATION_TTL_SECONDS: '1', VERIFICATION_TTL_SECONDS: '1' } });
  return {
    main,
    short,
    faults,
    close: async () => {
      await main.close();
      await short.close();
    },
  };
}
