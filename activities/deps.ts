import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AppConfig } from '../lib/config';

/** What activities are built from; tests inject their own. */
export interface ActivityDeps {
  db: Knex;
  config: AppConfig;
  log: Logger;
  now?: () => Date;
  /** for activities that look at other workflows (the reservation sweeper) */
  temporal?: Client;
}

export const clock = (deps: ActivityDeps): Date => (deps.now ? deps.now() : new Date());
