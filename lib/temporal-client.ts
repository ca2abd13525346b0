import { Client, Connection } from '@temporalio/client';

/** A Temporal client for the API (and tests), to TEMPORAL_ADDRESS. */
export async function connectClient(address: string, namespace: string): Promise<Client> {
  const connection = await Connection.connect({ address });
  return new Client({ connection, namespace });
}
