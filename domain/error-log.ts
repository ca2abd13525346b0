/**
 * The error log's vocabulary (docs/domain.md §6): what kind of failure a row
 * records and how urgently a human should look. Shared by the activity that
 * writes rows, the store that lists them and the API that filters them.
 */
export const ERROR_CATEGORIES = ['validation', 'inventory', 'payment', 'notification', 'database', 'system'] as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

export const ERROR_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ErrorSeverity = (typeof ERROR_SEVERITIES)[number];
