import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { loadConfig } from '../../lib/config';
import { createDb } from '../../lib/db';
import { buildApp } from '../app';

/**
 * The OpenAPI document exactly as the app serves it at /openapi.json, built
 * without a database or Temporal: knex and the Temporal connection are lazy,
 * and nothing here sends a query. Used by `npm run api:document`,
 * `npm run api:client` and the tests that lint and compare it.
 */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', TEMPORAL_ADDRESS: '127.0.0.1:1', AUTH_JWT_SECRET: 'document-only-secret-not-used-for-any-token' });
  const db = createDb(undefined, config.dataDir);
  const client = new Client({ connection: Connection.lazy({ address: config.temporalAddress! }) });
  const app = await buildApp({ db, client, config, log: pino({ level: 'silent' }), jwtSecret: 'document-only-secret-not-used-for-any-token' });
  try {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    return res.json();
  } finally {
    await app.close();
    await db.destroy();
  }
}
