import { z } from 'zod';
import { ERROR_CATEGORIES, ERROR_SEVERITIES } from '../../domain/error-log';
import { PageQuery } from './page';

export const ErrorsQuery = PageQuery.extend({
  resolved: z.stringbool().optional(),
  severity: z.enum(ERROR_SEVERITIES).optional(),
  category: z.enum(ERROR_CATEGORIES).optional(),
  orderId: z.string().min(1).max(64).optional(),
});

export const ResolveBody = z.strictObject({ note: z.string().trim().min(1).max(1000) });
