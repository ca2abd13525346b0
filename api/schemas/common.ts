import { z } from 'zod';

export const IdParams = z.strictObject({ id: z.string().min(1).max(64) });
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ code: z.string(), field: z.string(), message: z.string(), severity: z.enum(['error', 'warning']) })),
});
export const bearer = [{ bearer: [] as string[] }];
