import { randomBytes } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { CodecKeys, warnIfNoCodecKeys, type CodecKey } from '../../lib/codec-keys';
import { EncryptionCodec, PayloadDecryptError, isEncrypted, payloadCodecs } from '../../lib/payload-codec';

const key = (id: string): CodecKey => ({ id, key: randomBytes(32) });
const json = (value: unknown): Payload => ({ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(value)) });
const readable = (p: Payload) => Buffer.from(p.data ?? []).toString();

describe('EncryptionCodec', () => {
  const old = key('2025-01');
  const current = key('2026-01');

  it('seals a payload so that neither its data nor its encoding is readable, and opens it again', async () => {
    const codec = new EncryptionCodec([current]);
    const [sealed] = await codec.encode([json({ recipientName: 'Ligaya Dimaculangan' })]);
    expect(isEncrypted(sealed)).toBe(true);
    expect(Buffer.from(sealed.metadata!['encryption-key-id']!).toString()).toBe('2026-01');
    expect(Buffer.from(sealed.data!).includes('Ligaya')).toBe(false);
    expect(Buffer.from(sealed.data!).includes('json/plain')).toBe(false);
    const [opened] = await codec.decode([sealed]);
    expect(JSON.parse(readable(opened))).toEqual({ recipientName: 'Ligaya Dimaculangan' });
    expect(Buffer.from(opened.metadata!.encoding!).toString()).toBe('json/plain');
  });

  it('uses a fresh IV each time, so equal inputs do not give equal ciphertexts', async () => {
    const codec = new EncryptionCodec([current]);
    const [a, b] = await codec.encode([json('same'), json('same')]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  it('still opens a payload sealed under the old key once a new key is put first, and seals new ones with the new key', async () => {
    const [sealedBefore] = await new EncryptionCodec([old]).encode([json({ phone: '+639175550199' })]);
    const rotated = new EncryptionCodec([current, old]);
    expect(JSON.parse(readable((await rotated.decode([sealedBefore]))[0]))).toEqual({ phone: '+639175550199' });
    const [sealedAfter] = await rotated.encode([json('x')]);
    expect(Buffer.from(sealedAfter.metadata!['encryption-key-id']!).toString()).toBe('2026-01');
  });

  it('passes payloads without the encryption envelope through decode untouched', async () => {
    const clear = json({ recorded: 'before encryption' });
    const binaryNull: Payload = { metadata: { encoding: Buffer.from('binary/null') } };
    expect(await new EncryptionCodec([current]).decode([clear, binaryNull])).toEqual([clear, binaryNull]);
  });

  it('refuses a payload under a key it does not hold, naming the key id', async () => {
    const [sealed] = await new EncryptionCodec([old]).encode([json(1)]);
    await expect(new EncryptionCodec([current]).decode([sealed])).rejects.toThrow(new PayloadDecryptError('payload is encrypted with key id "2025-01", which is not among PAYLOAD_CODEC_KEYS'));
  });

  it('refuses altered data and a swapped key id instead of returning garbage', async () => {
    const codec = new EncryptionCodec([current, old]);
    const [sealed] = await codec.encode([json({ total: 100 })]);
    const flipped = Buffer.from(sealed.data!);
    flipped[20] ^= 1;
    await expect(codec.decode([{ ...sealed, data: flipped }])).rejects.toThrow(PayloadDecryptError);
    const relabelled = { ...sealed, metadata: { ...sealed.metadata, 'encryption-key-id': Buffer.from('2025-01') } };
    await expect(codec.decode([relabelled])).rejects.toThrow(PayloadDecryptError);
    await expect(codec.decode([{ ...sealed, data: Buffer.alloc(5) }])).rejects.toThrow(/too short/);
  });

  it('gives no codec when encryption is off, and one when keys are set', () => {
    expect(payloadCodecs(undefined)).toEqual([]);
    expect(payloadCodecs([current])[0]).toBeInstanceOf(EncryptionCodec);
  });
});

describe('PAYLOAD_CODEC_KEYS', () => {
  const b64 = () => randomBytes(32).toString('base64');

  it('reads "<id>:<base64 key>" entries in order, the first being the one that encrypts', () => {
    const [a, b] = [b64(), b64()];
    const keys = CodecKeys.parse(` k2:${a} , k1:${b}`);
    expect(keys.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(keys[0].key.equals(Buffer.from(a, 'base64'))).toBe(true);
  });

  it.each([
    ['', 'holds no key'],
    ['no-colon', 'entry 1 is not "<key id>:<base64 key>"'],
    [':abc', 'entry 1 is not'],
    ['k1:dG9vIHNob3J0', 'key "k1" is not the base64 of 32 bytes'],
    ['k1:not base64 at all!', 'key "k1" is not the base64 of 32 bytes'],
  ])('refuses %j with a message that says what is wrong', (spec, message) => {
    const result = CodecKeys.safeParse(spec);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toContain(message);
  });

  it('refuses a key id listed twice, and never quotes a key in its messages', () => {
    const secret = b64();
    const result = CodecKeys.safeParse(`k1:${secret},k1:${secret}`);
    expect(result.error!.issues[0].message).toBe('key id "k1" is listed twice');
    expect(JSON.stringify(result.error)).not.toContain(secret);
  });

  it('warns the standalone processes that run without keys, saying how to make one, and is quiet with keys', () => {
    const said: string[] = [];
    const log = { warn: (m: string) => said.push(m) };
    warnIfNoCodecKeys(undefined, log);
    expect(said).toEqual([expect.stringMatching(/PAYLOAD_CODEC_KEYS is not set.*unencrypted.*openssl rand -base64 32/)]);
    warnIfNoCodecKeys([key('k1')], log);
    expect(said).toHaveLength(1);
  });
});
