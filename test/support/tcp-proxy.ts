import net from 'node:net';

/**
 * A TCP proxy a fault test puts between the stack and MariaDB, so it can cut
 * the database off the way an outage does: `cut()` resets every open
 * connection (queries in flight fail, transactions roll back on the server)
 * and stops listening, so new connections are refused until `restore()`.
 */
export interface TcpProxy {
  port: number;
  /** connections forwarded since start, to show the stack really went through the proxy */
  readonly connections: number;
  cut(): Promise<void>;
  /** a network partition: connections stay open and new ones are accepted, but no byte goes through */
  stall(): void;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let stalled = false;
  let connections = 0;
  const flow = (p: { client: net.Socket; upstream: net.Socket }) => {
    p.client.pipe(p.upstream);
    p.upstream.pipe(p.client);
  };
  const server = net.createServer((client) => {
    connections++;
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    open.add(client).add(upstream);
    pairs.add(pair);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
      pairs.delete(pair);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    if (!stalled) flow(pair);
    else client.pause();
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  const port = await listen(0);

  return {
    port,
    get connections() {
      return connections;
    },
    async cut() {
      const closed = stopListening();
      // A reset rather than a clean close: what a client sees when the database host goes away.
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
      await closed;
    },
    stall() {
      stalled = true;
      for (const p of pairs) {
        p.client.unpipe(p.upstream);
        p.upstream.unpipe(p.client);
        p.client.pause();
        p.upstream.pause();
      }
    },
    async restore() {
      if (stalled) {
        stalled = false;
        for (const p of pairs) flow(p);
      }
      if (!server.listening) await listen(port);
    },
    async close() {
      for (const socket of open) socket.destroy();
      await stopListening();
    },
  };
}
