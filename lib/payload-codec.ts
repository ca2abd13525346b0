import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { CodecKey } from './codec-keys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A payload this codec cannot open: unknown key id, or data that fails authentication. */
export class PayloadDecryptError extends Error {}

/**
 * Seals every payload (workflow and activity inputs and results, updates,
 * signals, queries) with AES-256-GCM before it leaves the process, so
 * Temporal's history holds no readable name, street or phone. The whole
 * payload, metadata included, is serialized and encrypted; the envelope
 * names the key id, so keys can rotate. Payloads without the envelope (the
 * unencrypted histories from before) pass through decode untouched.
 * Search attributes never go through a codec: they stay clear and hold no
 * personal data.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly current: { id: string; key: KeyObject };
  private readonly byId: Map<string, KeyObject>;

  constructor(keys: CodecKey[]) {
    if (keys.length === 0) throw new Error('EncryptionCodec needs at least one key');
    // KeyObjects made once: given a Buffer, every cipher would first test it for a KeyObject the slow way
    // (a thrown and caught error per payload, about a third of the codec's time in a profile of the worker).
    this.byId = new Map(keys.map((k) => [k.id, createSecretKey(k.key)]));
    this.current = { id: keys[0].id, key: this.byId.get(keys[0].id)! };
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => this.seal(p));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => (isEncrypted(p) ? this.open(p) : p));
  }

  private seal(payload: Payload): Payload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.current.key, iv);
    // The key id is authenticated too: swapping it makes decryption fail rather than pick another key.
    cipher.setAAD(Buffer.from(this.current.id));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text(this.current.id), [CIPHER_METADATA]: text(CIPHER) },
      data: sealed,
    };
  }

  private open(payload: Payload): Payload {
    const id = Buffer.from(payload.metadata?.[KEY_ID_METADATA] ?? []).toString();
    const key = this.byId.get(id);
    if (!key) throw new PayloadDecryptError(`payload is encrypted with key id "${id}", which is not among PAYLOAD_CODEC_KEYS`);
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptError(`payload under key id "${id}" is too short to be encrypted data`);
    try {
      const decipher = createDecipheriv(CIPHER, key, data.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(id));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    } catch {
      throw new PayloadDecryptError(`payload under key id "${id}" does not decrypt: wrong key or altered data`);
    }
  }
}

export function isEncrypted(payload: Payload): boolean {
  return Buffer.from(payload.metadata?.encoding ?? []).toString() === ENCRYPTED_ENCODING;
}

/** The codecs for a Temporal client or worker: none when encryption is off (tests that do not opt in). */
export function payloadCodecs(keys: CodecKey[] | undefined): PayloadCodec[] {
  return keys ? [new EncryptionCodec(keys)] : [];
}

const text = (s: string) => Buffer.from(s);
