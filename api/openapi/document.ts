import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { loadConfig } from '../../lib/config';
import { createDb } from '../../lib/db';
import { buildApp } from '../app';
import type { App } from '../context';

const OFFLINE_SECRET = 'offline-document-secret-that-signs-no-real-token';

/**
 * The app without a database or Temporal behind it: knex and the Temporal
 * connection are lazy and connect only when a route uses them. Enough to
 * serve /openapi.json and to test what the framework does around a route.
 */
export async function buildOfflineApp(): Promise<{ app: App; close(): Promise<void> }> {
  const config = loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    AUTH_JWT_SECRET: OFFLINE_SECRET,
    // A key, so the codec routes (served only with payload encryption on) are in the document too. It encrypts nothing.
    PAYLOAD_CODEC_KEYS: `document:${Buffer.alloc(32).toString('base64')}`,
  });
  const db = createDb(undefined, config.dataDir);
  const client = new Client({ connection: Connection.lazy({ address: config.temporalAddress! }) });
  const app = await buildApp({ db, client, config, log: pino({ level: 'silent' }), jwtSecret: OFFLINE_SECRET });
  return {
    app,
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}

/** The OpenAPI document exactly as the app serves it at /openapi.json (npm run api:document, api:client, api:lint). */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const offline = await buildOfflineApp();
  try {
    return (await offline.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  } finally {
    await offline.close();
  }
}
