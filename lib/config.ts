import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_RULES, type RulesConfig } from '../domain/rules-config';
import { DEFAULT_TOKEN_LIFETIME_DAYS } from './tokens';
import { CodecKeys, type CodecKey } from './codec-keys';

/**
 * Configuration from the environment. The names in docs/api.md are fixed
 * (PORT, DATABASE_URL, TEMPORAL_ADDRESS, AUTH_JWT_SECRET,
 * RESERVATION_TTL_SECONDS, LOG_LEVEL); the rest are ours and documented in
 * the README. Every business threshold defaults to docs/domain.md's value.
 */
const int = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);
const splitList = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);
/** What fastify's trustProxy (proxy-addr) takes: an address, a CIDR range, or one of its named ranges. */
const proxyEntry = z.string().refine((entry) => {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}, 'TRUST_PROXY takes IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal), comma-separated');

const Env = z.object({
  PORT: int(3000),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default(path.resolve('data')),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TASK_QUEUE: z.string().default('orders'),
  // HS256 wants a key of at least 256 bits: a short secret can be guessed offline from any one token.
  AUTH_JWT_SECRET: z.string().optional(),
  RESERVATION_TTL_SECONDS: int(1800),
  VERIFICATION_TTL_SECONDS: int(48 * 3600),
  LOG_LEVEL: z.string().default('info'),
  RETENTION_DAYS: int(90),
  // Temporal SDK metrics on this port, the worker's own registry on the next one; 0 turns both off.
  WORKER_METRICS_PORT: int(9464),
  SWEEPER_INTERVAL_SECONDS: z.coerce.number().int().positive().default(300),
  // Worker and pool sizing (docs/performance.md, "Worker and client settings"); unset: the SDK's defaults.
  WORKER_WORKFLOW_TASK_SLOTS: z.coerce.number().int().min(2).optional(),
  WORKER_LOCAL_ACTIVITY_SLOTS: z.coerce.number().int().positive().optional(),
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().nonnegative().optional(),
  // Connections each process may open to MySQL/MariaDB (SQLite always has one).
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  // The embedded SQLite file: full waits for the disk on every commit, normal only at checkpoints (docs/performance.md).
  SQLITE_SYNCHRONOUS: z.enum(['full', 'normal']).default('full'),
  ORDER_MAX_LINE_ITEMS: int(DEFAULT_RULES.maxLineItems),
  ORDER_MAX_QUANTITY: int(DEFAULT_RULES.maxQuantity),
  ORDER_TOTAL_LIMIT_CENTAVOS: int(DEFAULT_RULES.orderTotalLimitCentavos),
  COD_LIMIT_CENTAVOS: int(DEFAULT_RULES.codLimitCentavos),
  VERIFICATION_COD_THRESHOLD_CENTAVOS: int(DEFAULT_RULES.verificationCodThresholdCentavos),
  NEW_ACCOUNT_HIGH_VALUE_CENTAVOS: int(DEFAULT_RULES.newAccountHighValueCentavos),
  NEW_ACCOUNT_AGE_HOURS: int(DEFAULT_RULES.newAccountAgeHours),
  VELOCITY_PER_CUSTOMER_PER_HOUR: int(DEFAULT_RULES.velocityPerCustomerPerHour),
  VELOCITY_PER_IP_PER_HOUR: int(DEFAULT_RULES.velocityPerIpPerHour),
  DUPLICATE_WINDOW_MINUTES: int(DEFAULT_RULES.duplicateWindowMinutes),
  SHIPPING_FEE_METRO_MANILA_CENTAVOS: int(DEFAULT_RULES.shippingFeeCentavos.metro_manila),
  SHIPPING_FEE_LUZON_CENTAVOS: int(DEFAULT_RULES.shippingFeeCentavos.luzon),
  SHIPPING_FEE_VISAYAS_CENTAVOS: int(DEFAULT_RULES.shippingFeeCentavos.visayas),
  SHIPPING_FEE_MINDANAO_CENTAVOS: int(DEFAULT_RULES.shippingFeeCentavos.mindanao),
  FREE_SHIPPING_THRESHOLD_CENTAVOS: int(DEFAULT_RULES.freeShippingThresholdCentavos),
  TIER_SILVER_CENTAVOS: int(DEFAULT_RULES.tierThresholdsCentavos.silver),
  TIER_GOLD_CENTAVOS: int(DEFAULT_RULES.tierThresholdsCentavos.gold),
  TIER_PLATINUM_CENTAVOS: int(DEFAULT_RULES.tierThresholdsCentavos.platinum),
  // Notifications: a channel whose transport is unset is recorded as 'skipped', not sent.
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Orderly <orders@orderly.local>'),
  SMS_PROVIDER_URL: z.string().optional(),
  SMS_PROVIDER_TOKEN: z.string().optional(),
  // Positive: Temporal reads maximumAttempts 0 as "retry forever".
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  NOTIFY_INITIAL_BACKOFF_MS: z.coerce.number().int().positive().default(2000),
  // Webhooks (docs/webhooks.md): the defaults retry for about 23 h (30 s doubling to 1 h, 30 attempts).
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().positive().default(30),
  WEBHOOK_INITIAL_BACKOFF_MS: z.coerce.number().int().positive().default(30_000),
  WEBHOOK_MAX_BACKOFF_MS: z.coerce.number().int().positive().default(3_600_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  // Off: a subscriber URL on a loopback, private or link-local address is refused (server-side request forgery).
  WEBHOOK_ALLOW_PRIVATE_URLS: z.stringbool().default(false),
  WEBHOOK_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().positive().default(60),
  WEBHOOK_SWEEP_GRACE_SECONDS: int(30),
  // How long POST /v1/orders waits for the workflow before answering 503 "retry with the same Idempotency-Key".
  ORDER_ANSWER_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(20),
  // HTTP hardening (README "Configuration" says why each exists).
  HOST: z.string().min(1).default('0.0.0.0'),
  TRUST_PROXY: z.string().default('').transform(splitList).pipe(z.array(proxyEntry)),
  RATE_LIMIT_PER_SECOND: int(100),
  RATE_LIMIT_ORDERS_PER_MINUTE: int(120),
  RATE_LIMIT_LOGIN_PER_MINUTE: int(10),
  AUTH_MAX_TOKEN_LIFETIME_DAYS: z.coerce.number().int().positive().default(DEFAULT_TOKEN_LIFETIME_DAYS),
  METRICS_TOKEN: z.string().optional(),
  // Payload encryption (lib/payload-codec.ts): "<id>:<base64 32 bytes>,<old id>:<old key>"; the first encrypts.
  PAYLOAD_CODEC_KEYS: z.union([z.literal('').transform(() => undefined), CodecKeys]).optional(),
  // Payments (docs/payments.md): the gateway's API and the secrets of its API and webhooks; unset URL = no gateway.
  PAYMENT_PROVIDER_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  PAYMENT_PROVIDER_SECRET_KEY: z.string().default(''),
  PAYMENT_WEBHOOK_SECRET: z.string().default(''),
  PAYMENT_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().positive().default(300),
  // Positive: Temporal reads maximumAttempts 0 as "retry forever".
  REFUND_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  REFUND_INITIAL_BACKOFF_MS: z.coerce.number().int().positive().default(2000),
  RETURN_WINDOW_DAYS: int(7),
  // Browser origins (the Temporal Web UI) allowed to call /codec/decode.
  CODEC_CORS_ORIGINS: z.string().default('http://localhost:8233,http://127.0.0.1:8233'),
  // Staff console (/admin): session lifetime, lockout after failed sign-ins, where the Temporal Web UI is.
  STAFF_SESSION_HOURS: z.coerce.number().positive().default(12),
  STAFF_LOCKOUT_ATTEMPTS: z.coerce.number().int().positive().default(5),
  STAFF_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  TEMPORAL_UI_URL: z.string().default('http://localhost:8233'),
});

export interface AppConfig {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  temporalAddress: string | undefined;
  temporalNamespace: string;
  taskQueue: string;
  jwtSecret: string | undefined;
  reservationTtlSeconds: number;
  verificationTtlSeconds: number;
  logLevel: string;
  retentionDays: number;
  workerMetricsPort: number;
  /** worker slots and cache; undefined: the SDK's default */
  workerTuning: { workflowTaskSlots?: number; localActivitySlots?: number; maxCachedWorkflows?: number };
  databasePoolSize: number;
  sqliteSynchronous: 'full' | 'normal';
  sweeperIntervalSeconds: number;
  orderAnswerTimeoutSeconds: number;
  rules: RulesConfig;
  notifications: {
    smtpUrl: string | undefined;
    mailFrom: string;
    smsProviderUrl: string | undefined;
    smsProviderToken: string | undefined;
    maxAttempts: number;
    initialBackoffMs: number;
  };
  webhooks: WebhookConfig;
  http: {
    /** interface of the standalone API (`npm run start:api`) */
    host: string;
    /** proxies whose X-Forwarded-For is believed; empty: nobody's */
    trustProxy: string[];
    /** requests per client; 0 turns a limit off */
    rateLimit: { perSecond: number; ordersPerMinute: number; loginPerMinute: number };
    /** bearer token that /metrics requires; unset: open */
    metricsToken: string | undefined;
  };
  auth: { maxTokenLifetimeDays: number };
  payloadCodecKeys: CodecKey[] | undefined;
  codecCorsOrigins: string[];
  staff: { sessionHours: number; lockoutAttempts: number; lockoutMinutes: number; temporalUiUrl: string };
  payments: PaymentsConfig;
}

export interface PaymentsConfig {
  /** the gateway's API; unset: online orders wait for a staff confirm, as before payments were built */
  providerUrl: string | undefined;
  secretKey: string;
  webhookSecret: string;
  webhookToleranceSeconds: number;
  refund: { maxAttempts: number; initialBackoffMs: number };
  returnWindowDays: number;
}

/** Webhook delivery (docs/webhooks.md). */
export interface WebhookConfig {
  /** attempts per delivery round, then the delivery is dead */
  maxAttempts: number;
  /** Temporal's retry backoff: doubles from the initial interval up to the maximum */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** one attempt's limit: connect, send and the answer's status line */
  timeoutMs: number;
  /** accept subscriber URLs on loopback, private and link-local addresses (tests, a shop's own network) */
  allowPrivateUrls: boolean;
  /** how often the webhook sweeper starts deliveries whose workflow was never started */
  sweepIntervalSeconds: number;
  /** how old such a delivery must be before the sweeper starts it (the step that queued it normally does) */
  sweepGraceSeconds: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = Env.parse(env);
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: e.DATA_DIR,
    temporalAddress: e.TEMPORAL_ADDRESS || undefined,
    temporalNamespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.TASK_QUEUE,
    jwtSecret: e.AUTH_JWT_SECRET || undefined,
    reservationTtlSeconds: e.RESERVATION_TTL_SECONDS,
    verificationTtlSeconds: e.VERIFICATION_TTL_SECONDS,
    logLevel: e.LOG_LEVEL,
    retentionDays: e.RETENTION_DAYS,
    workerMetricsPort: e.WORKER_METRICS_PORT,
    workerTuning: { workflowTaskSlots: e.WORKER_WORKFLOW_TASK_SLOTS, localActivitySlots: e.WORKER_LOCAL_ACTIVITY_SLOTS, maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS },
    databasePoolSize: e.DATABASE_POOL_SIZE,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    sweeperIntervalSeconds: e.SWEEPER_INTERVAL_SECONDS,
    orderAnswerTimeoutSeconds: e.ORDER_ANSWER_TIMEOUT_SECONDS,
    rules: {
      maxLineItems: e.ORDER_MAX_LINE_ITEMS,
      maxQuantity: e.ORDER_MAX_QUANTITY,
      orderTotalLimitCentavos: e.ORDER_TOTAL_LIMIT_CENTAVOS,
      codLimitCentavos: e.COD_LIMIT_CENTAVOS,
      verificationCodThresholdCentavos: e.VERIFICATION_COD_THRESHOLD_CENTAVOS,
      newAccountHighValueCentavos: e.NEW_ACCOUNT_HIGH_VALUE_CENTAVOS,
      newAccountAgeHours: e.NEW_ACCOUNT_AGE_HOURS,
      velocityPerCustomerPerHour: e.VELOCITY_PER_CUSTOMER_PER_HOUR,
      velocityPerIpPerHour: e.VELOCITY_PER_IP_PER_HOUR,
      duplicateWindowMinutes: e.DUPLICATE_WINDOW_MINUTES,
      shippingFeeCentavos: {
        metro_manila: e.SHIPPING_FEE_METRO_MANILA_CENTAVOS,
        luzon: e.SHIPPING_FEE_LUZON_CENTAVOS,
        visayas: e.SHIPPING_FEE_VISAYAS_CENTAVOS,
        mindanao: e.SHIPPING_FEE_MINDANAO_CENTAVOS,
      },
      freeShippingThresholdCentavos: e.FREE_SHIPPING_THRESHOLD_CENTAVOS,
      tierThresholdsCentavos: { silver: e.TIER_SILVER_CENTAVOS, gold: e.TIER_GOLD_CENTAVOS, platinum: e.TIER_PLATINUM_CENTAVOS },
    },
    notifications: {
      smtpUrl: e.SMTP_URL || undefined,
      mailFrom: e.MAIL_FROM,
      smsProviderUrl: e.SMS_PROVIDER_URL || undefined,
      smsProviderToken: e.SMS_PROVIDER_TOKEN || undefined,
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
      initialBackoffMs: e.NOTIFY_INITIAL_BACKOFF_MS,
    },
    webhooks: {
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      initialBackoffMs: e.WEBHOOK_INITIAL_BACKOFF_MS,
      maxBackoffMs: e.WEBHOOK_MAX_BACKOFF_MS,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      allowPrivateUrls: e.WEBHOOK_ALLOW_PRIVATE_URLS,
      sweepIntervalSeconds: e.WEBHOOK_SWEEP_INTERVAL_SECONDS,
      sweepGraceSeconds: e.WEBHOOK_SWEEP_GRACE_SECONDS,
    },
    http: {
      host: e.HOST,
      trustProxy: e.TRUST_PROXY,
      rateLimit: { perSecond: e.RATE_LIMIT_PER_SECOND, ordersPerMinute: e.RATE_LIMIT_ORDERS_PER_MINUTE, loginPerMinute: e.RATE_LIMIT_LOGIN_PER_MINUTE },
      metricsToken: e.METRICS_TOKEN || undefined,
    },
    auth: { maxTokenLifetimeDays: e.AUTH_MAX_TOKEN_LIFETIME_DAYS },
    payloadCodecKeys: e.PAYLOAD_CODEC_KEYS,
    codecCorsOrigins: e.CODEC_CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    staff: { sessionHours: e.STAFF_SESSION_HOURS, lockoutAttempts: e.STAFF_LOCKOUT_ATTEMPTS, lockoutMinutes: e.STAFF_LOCKOUT_MINUTES, temporalUiUrl: e.TEMPORAL_UI_URL.replace(/\/+$/, '') },
    payments: {
      providerUrl: e.PAYMENT_PROVIDER_URL,
      secretKey: e.PAYMENT_PROVIDER_SECRET_KEY,
      webhookSecret: e.PAYMENT_WEBHOOK_SECRET,
      webhookToleranceSeconds: e.PAYMENT_WEBHOOK_TOLERANCE_SECONDS,
      refund: { maxAttempts: e.REFUND_MAX_ATTEMPTS, initialBackoffMs: e.REFUND_INITIAL_BACKOFF_MS },
      returnWindowDays: e.RETURN_WINDOW_DAYS,
    },
  };
}

/** HS256 wants a 256-bit key: a shorter secret can be guessed offline from any one token. Said at start, not refused. */
export function weakSecretWarning(secret: string | undefined): string | null {
  return secret && secret.length < 32 ? 'AUTH_JWT_SECRET is shorter than 32 characters and can be guessed from any token; make one with: openssl rand -base64 32' : null;
}
