import type { Knex } from 'knex';

/**
 * A dead notification retried from the console runs a new workflow whose
 * Temporal attempts count from 1 again. Its attempts are numbered after
 * the ones already recorded: attempt_no = attempt_offset + Temporal's
 * attempt, so the earlier rows stay and the new ones are not mistaken for
 * retried writes of them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.integer('attempt_offset').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.dropColumn('attempt_offset');
  });
}
