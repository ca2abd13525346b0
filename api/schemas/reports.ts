import { z } from 'zod';

/** A range of UTC days, both ends inclusive; either end may be left open. */
export const OrdersReportQuery = z
  .strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

/** A date means that whole day (UTC); a date-time is taken as it is. */
const periodEdge = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
export const RejectionsReportQuery = z.strictObject({ from: periodEdge.optional(), to: periodEdge.optional() });
