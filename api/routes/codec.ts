import type { Payload } from '@temporalio/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EncryptionCodec, PayloadDecryptError } from '../../lib/payload-codec';
import { requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { Problem } from '../problem';
import { CodecPayloads, type JsonPayload } from '../schemas/codec';
import { operation } from '../openapi/operation';

/**
 * Temporal's remote codec endpoint (POST /codec/decode and /codec/encode), so
 * staff can read encrypted payloads in the Web UI or with the CLI's
 * --codec-endpoint. Admin token only: a decode hands out personal data. The
 * Web UI calls it from the browser, so its origin (CODEC_CORS_ORIGINS) gets
 * CORS headers, on errors too. Not registered when encryption is off.
 */
export function codecRoutes(app: App, { config }: ApiDeps): void {
  if (!config.payloadCodecKeys) return;
  const codec = new EncryptionCodec(config.payloadCodecKeys);
  const origins = new Set(config.codecCorsOrigins);

  void app.register(async (plugin: FastifyInstance) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addHook('onRequest', async (req, reply) => {
      allowOrigin(req, reply, origins);
      if (req.method !== 'OPTIONS') await requireAdmin(req);
    });

    const schema = (operationId: string, summary: string) => ({
      ...operation({ operationId, summary, tags: ['operations'], access: 'admin', ok: { schema: CodecPayloads, description: 'The payloads, in the order sent' }, problems: ['VALIDATION_ERROR'] }),
      body: CodecPayloads,
    });
    // A history page can carry many large payloads; the rest of the API keeps its small limit.
    const bodyLimit = 4 * 1024 * 1024;

    scope.post('/codec/decode', { schema: schema('decodePayloads', 'Decrypt Temporal payloads (remote codec for the Web UI and CLI)'), bodyLimit }, async (req) => {
      const decoded: Payload[] = [];
      for (const [i, payload] of req.body.payloads.entries()) {
        try {
          decoded.push(...(await codec.decode([fromJson(payload)])));
        } catch (err) {
          if (!(err instanceof PayloadDecryptError)) throw err;
          throw new Problem('VALIDATION_ERROR', 'A payload could not be decrypted', [{ code: 'PAYLOAD_NOT_DECRYPTABLE', field: `payloads.${i}`, message: err.message, severity: 'error' }]);
        }
      }
      return { payloads: decoded.map(toJson) };
    });

    scope.post('/codec/encode', { schema: schema('encodePayloads', 'Encrypt Temporal payloads (remote codec)'), bodyLimit }, async (req) => ({ payloads: (await codec.encode(req.body.payloads.map(fromJson))).map(toJson) }));

    // The browser's preflight carries no token; it only learns which origin, method and headers may follow.
    scope.options('/codec/:operation', { schema: { hide: true } }, async (_req, reply) => {
      reply.header('access-control-allow-methods', 'POST').header('access-control-allow-headers', 'authorization, content-type, x-namespace').header('access-control-max-age', '600');
      return reply.code(204).send();
    });
  });
}

function allowOrigin(req: FastifyRequest, reply: FastifyReply, origins: Set<string>): void {
  reply.header('vary', 'origin');
  const origin = req.headers.origin;
  if (!origin || !origins.has(origin)) return;
  // Credentials too: the Web UI may be set to send its session cookie or forward its access token.
  reply.header('access-control-allow-origin', origin).header('access-control-allow-credentials', 'true');
}

const fromJson = ({ metadata, data }: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: data ? Buffer.from(data, 'base64') : undefined,
});

const toJson = ({ metadata, data }: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
  ...(data ? { data: Buffer.from(data).toString('base64') } : {}),
});
