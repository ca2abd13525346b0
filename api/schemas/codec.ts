import { z } from 'zod';

// Proto3 JSON writes bytes as base64 (standard or URL-safe, padding optional).
const Bytes = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');

/**
 * A Temporal payload in proto JSON, as the Web UI and the CLI send it to a
 * remote codec. Not strict: newer servers add payload fields (such as external
 * storage references) that a codec passes over.
 */
export const JsonPayload = z.object({
  metadata: z.record(z.string(), Bytes).nullish(),
  data: Bytes.nullish(),
});
export type JsonPayload = z.infer<typeof JsonPayload>;

/** Temporal's remote codec protocol: the same shape in and out. */
export const CodecPayloads = z.strictObject({ payloads: z.array(JsonPayload).max(10_000) });
export type CodecPayloads = z.infer<typeof CodecPayloads>;
