import { z } from 'zod';

export const IdParams = z.strictObject({ id: z.string().min(1).max(64) });
export const bearer = [{ bearer: [] as string[] }];
