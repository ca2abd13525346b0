import { z } from 'zod';

/** Building blocks of response schemas: plain types, no transforms (the serializer encodes with them). */
export const id = z.string().describe('Opaque id; do not parse it');
export const centavosOut = z.number().int().describe('Integer centavos (PHP): ₱1.00 = 100');
export const instant = z.string().describe('ISO-8601 in UTC with milliseconds, e.g. 2026-11-27T10:00:00.000Z');
export const nextCursor = z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page');
