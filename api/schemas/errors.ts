import { z } from 'zod';
import type { ErrorCategory, ErrorSeverity } from '../../activities/record-error';
import { PageQuery } from './page';

// Keyed by the activity's union types so a new category or severity there fails to compile here.
const CATEGORIES: Record<ErrorCategory, true> = { validation: true, inventory: true, payment: true, notification: true, database: true, system: true };
const SEVERITIES: Record<ErrorSeverity, true> = { low: true, medium: true, high: true, critical: true };

export const ErrorsQuery = PageQuery.extend({
  resolved: z.stringbool().optional(),
  severity: z.enum(Object.keys(SEVERITIES) as [ErrorSeverity, ...ErrorSeverity[]]).optional(),
  category: z.enum(Object.keys(CATEGORIES) as [ErrorCategory, ...ErrorCategory[]]).optional(),
  orderId: z.string().min(1).max(64).optional(),
});

export const ResolveBody = z.strictObject({ note: z.string().trim().min(1).max(1000) });
