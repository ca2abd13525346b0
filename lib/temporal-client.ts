import { Client, Connection } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';

/**
 * A Temporal client for the API (and tests), to TEMPORAL_ADDRESS. Its payload
 * codecs must match the worker's (lib/payload-codec.ts), or each side reads the
 * other's payloads as sealed bytes.
 */
export async function connectClient(address: string, namespace: string, payloadCodecs: PayloadCodec[] = []): Promise<Client> {
  const connection = await Connection.connect({ address });
  return new Client({ connection, namespace, dataConverter: { payloadCodecs } });
}
