import { countRejectionsByCode } from '../../store/rejection-store';
import { requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { Problem } from '../problem';
import { RejectionsReportView } from '../schemas/operations-view';
import { operation } from '../openapi/operation';
import { RejectionsReportQuery } from '../schemas/reports';

const DAY_MS = 86_400_000;
const DEFAULT_PERIOD_DAYS = 30;
const isDate = (s: string) => !s.includes('T');
/** The last instant a MySQL DATETIME holds: an end past it (to=9999-12-31 is the whole of that day) compares with nothing. */
const END_OF_TIME = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Rejected order attempts by rule code over [from, to): which rules turn
 * customers away, and how often. An attempt counts once per code it broke.
 * Without `to` the period ends now; without `from` it starts 30 days earlier.
 * A bare date as `to` includes that whole day; an end past what the
 * database can store is taken as its last instant.
 */
export function rejectionsReportRoutes(app: App, { db }: ApiDeps): void {
  app.get('/v1/reports/rejections', { config: { admin: true }, schema: { ...operation({ operationId: 'getRejectionsReport', summary: 'Count rejected order attempts by rule code', tags: ['operations'], access: 'admin', ok: { schema: RejectionsReportView, description: 'The period and its counts, most frequent first' }, problems: ['VALIDATION_ERROR'] }), querystring: RejectionsReportQuery } }, async (req) => {
    await requireAdmin(req);
    const q = req.query;
    const to = q.to ? new Date(Math.min(Date.parse(q.to) + (isDate(q.to) ? DAY_MS : 0), END_OF_TIME)) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
    if (from >= to) {
      throw new Problem('VALIDATION_ERROR', 'from must be before to', [{ code: 'VALIDATION_ERROR', field: 'querystring.from', message: 'from must be before to', severity: 'error' }]);
    }
    const { attempts, byCode } = await countRejectionsByCode(db, { from, to });
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      rejectedAttempts: attempts,
      byCode: [...byCode].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    };
  });
}
