import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { Counter, Histogram } from 'prom-client';
import { LATENCY_BUCKETS, registry } from '../lib/metrics';

const labelNames = ['activity_type', 'outcome'] as const;
const executions = new Counter({ name: 'orderly_activity_executions_total', help: 'Activity executions (each attempt), by activity type and outcome', labelNames, registers: [registry] });
const duration = new Histogram({
  name: 'orderly_activity_duration_seconds',
  help: 'Time an activity attempt took, by activity type and outcome',
  labelNames,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

/** Counts and times every activity attempt this worker runs; `failed` includes attempts that Temporal will retry. */
export const activityMetrics: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    async execute(input, next) {
      const stop = duration.startTimer({ activity_type: ctx.info.activityType });
      let outcome = 'failed';
      try {
        const result = await next(input);
        outcome = 'completed';
        return result;
      } finally {
        stop({ outcome });
        executions.inc({ activity_type: ctx.info.activityType, outcome });
      }
    },
  },
});
