// The environment, parsed with zod. A bad value stops the process with one
// line that names the variable, never a stack trace.
//
// Three parts, composed into ZEnv: the infrastructure (where the process
// runs, what it connects to, what it may hold), the app's limits and
// policies, and the secrets. Processes without secrets (the simulator,
// migrations, the logger at import) read the infrastructure part alone.
import { z } from "zod";

const ZBool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const ZBase64Key = z.string().refine((v) => /^[A-Za-z0-9+/]{43}=$/.test(v), "must be 32 random bytes in base64 (openssl rand -base64 32)");
// A line `NAME=` in .env, or a test's "" for "not set", means the default.
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema);

const ZInfraEnv = z.object({
  NODE_ENV: z.string().default("development"),
  // The `service` field of every log line; npm start and the tests name their workers "worker".
  SERVICE_NAME: z.string().min(1).default("web"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z.url().default("postgresql://postgres@127.0.0.1:5432/understudy"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.url().default("redis://127.0.0.1:6379"),
  // Namespace of the BullMQ keys in Redis (lets separate deployments or test runs share one Redis).
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i)
    .default("understudy"),
  // Text, tool arguments and reasoning collected from one provider answer.
  PROVIDER_ANSWER_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024),
  // Where the web listens; HOST unset: every interface. web/server.mjs, plain
  // JavaScript, reads them itself before Next starts; the web checks them here too.
  PORT: unsetIfEmpty(z.coerce.number().int().min(1).max(65_535).default(3000)),
  HOST: unsetIfEmpty(z.string().min(1).optional()),
  SIMULATOR_URL: z.url().default("http://127.0.0.1:4010"),
  // Where `npm run simulator` listens; off loopback only when SIMULATOR_ALLOW_PUBLIC says so.
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  SIMULATOR_HOST: z.string().default("127.0.0.1"),
  SIMULATOR_ALLOW_PUBLIC: unsetIfEmpty(ZBool.default(false)),
  // Traces go to this OTLP/HTTP collector (…/v1/traces); unset, no tracing code is loaded.
  OTEL_EXPORTER_OTLP_ENDPOINT: unsetIfEmpty(z.url({ protocol: /^https?$/ }).optional()),
  // How long finished spans wait to be sent together.
  OTEL_BSP_SCHEDULE_DELAY: unsetIfEmpty(z.coerce.number().int().min(10).max(60_000).default(5000)),
});

const ZAppEnv = z.object({
  ALLOW_PRIVATE_PROVIDER_URLS: ZBool.default(false),
  // Under NODE_ENV=production the demo login and private provider URLs need this (see demoRuleError).
  DEMO: ZBool.default(false),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  // All of one organization's keys together: two keys at full speed, so one busy key never meets it first.
  ORG_API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  API_KEYS_PER_AGENT: z.coerce.number().int().min(1).max(1000).default(20),
  // Organizations one person may own: each brings its own per-organization
  // allowances, so this bounds what one person holds. Three owners' worth of
  // alert deliveries (3 x 2) still leave a worker's 8 delivery slots for others.
  ORGS_PER_USER: z.coerce.number().int().min(1).max(1000).default(3),
  // Alert channels of one organization; one incident sends a message to each.
  ALERT_CHANNELS_PER_ORG: z.coerce.number().int().min(1).max(1000).default(20),
  // Per organization and hour: test alerts (one to each channel, with room
  // to retry), manual failover drills (real calls to every backup) and
  // confirmation emails to alert recipients (two channels' worth; never
  // under one channel's 10, so a channel can always be added).
  ALERT_TESTS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
  DRILLS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  ALERT_RECIPIENT_LINKS_PER_HOUR: z.coerce.number().int().min(10).max(100_000).default(20),
  // Alert deliveries of one organization in flight at once across all
  // workers, so its hanging receivers cannot take every delivery slot.
  ORG_MAX_ALERT_DELIVERIES_IN_FLIGHT: z.coerce.number().int().min(1).max(1000).default(2),
  // Fair share: an organization's turns running at once across all workers
  // (organizations.max_turns_in_flight overrides it); a quarter of one default worker.
  ORG_MAX_TURNS_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(8),
  // How long a killed worker's turn keeps its organization's slot; a live turn renews it.
  TURN_SLOT_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  // Live answers open at once (lib/turns/stream-leases.ts): a person's in the
  // Chat tab (a few tabs each), an API key's (its rate limit's worth of
  // 10-second answers), and an organization's, both kinds together.
  STREAMS_PER_USER: z.coerce.number().int().min(1).max(100_000).default(10),
  STREAMS_PER_API_KEY: z.coerce.number().int().min(1).max(100_000).default(100),
  STREAMS_PER_ORG: z.coerce.number().int().min(1).max(100_000).default(200),
  // How long a stream's lease outlives a web process that died holding it; a live stream renews it.
  STREAM_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  // How long a stopping worker lets its turns in flight finish before it
  // exits anyway, handing them back (whatever is down).
  WORKER_STOP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  CIRCUIT_FAILURE_THRESHOLD: z.coerce.number().int().min(1).max(100).default(3),
  CIRCUIT_COOLDOWN_MS: z.coerce.number().int().min(100).default(30_000),
  CIRCUIT_MAX_COOLDOWN_MS: z.coerce.number().int().min(100).default(300_000),
  HEALTH_PROBE_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  // Callers' JSON Schemas are compiled and checked on this many threads of
  // each worker; a check still running after the time limit is stopped, and
  // its turn fails as the caller's fault (bad_request).
  SCHEMA_CHECK_THREADS: z.coerce.number().int().min(1).max(64).default(2),
  SCHEMA_CHECK_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  // How often a worker reads the activity feed for alerts (lib/alerts/scan-alerts.ts); 0 schedules no scan.
  ALERT_SCAN_INTERVAL_MS: z.coerce
    .number()
    .int()
    .refine((ms) => ms === 0 || (ms >= 100 && ms <= 600_000), "must be 0 (off) or 100 to 600000")
    .default(5_000),
  // Password hashing (argon2id) runs on this many worker threads; this many
  // more requests may wait, and the next is told to try again in a moment.
  PASSWORD_HASH_THREADS: z.coerce.number().int().min(1).max(64).default(2),
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(10_000).default(32),
  // Of those, the ones one client address may hold at once (running or waiting).
  PASSWORD_HASH_PER_CLIENT: z.coerce.number().int().min(1).max(10_000).default(4),
  // Sign-ins, sign-ups and password changes together, per client address per minute, checked before any hashing.
  AUTH_IP_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
  // true behind a reverse proxy that appends the client's address to X-Forwarded-For.
  TRUSTED_PROXY: ZBool.default(false),
  // next-auth trusts the Host header only when this is set (behind `next start` or a proxy that sets it).
  AUTH_TRUST_HOST: ZBool.default(false),
  // How long a session is trusted before its version is compared with the user row again.
  SESSION_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  // Where people open the app; links in emails start with it.
  APP_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
  // smtp://user:pass@host:587 or smtps://…; when set, invitations are emailed
  // and sign-up confirms the address with a link before the account is used.
  SMTP_URL: unsetIfEmpty(z.url({ protocol: /^smtps?$/ }).optional()),
  MAIL_FROM: z.string().min(3).default("Understudy <no-reply@localhost>"),
  // Where a worker serves /metrics (when METRICS_TOKEN is set); port 0 takes a free one, logged at start.
  METRICS_HOST: unsetIfEmpty(z.string().min(1).default("127.0.0.1")),
  METRICS_PORT: unsetIfEmpty(z.coerce.number().int().min(0).max(65_535).default(9464)),
});

const ZSecretEnv = z.object({
  MASTER_KEY: ZBase64Key,
  MASTER_KEY_VERSION: z.coerce.number().int().positive().default(1),
  // "version:base64,version:base64" — older master keys still accepted while rotating.
  MASTER_KEY_PREVIOUS: z.string().default(""),
  // Bearer token a Prometheus scrape must send; unset, no process serves metrics.
  METRICS_TOKEN: unsetIfEmpty(z.string().min(32, "must be at least 32 characters (openssl rand -hex 32)").optional()),
});

export const ZEnv = z.object({ ...ZInfraEnv.shape, ...ZAppEnv.shape, ...ZSecretEnv.shape });
type TInfraEnv = z.infer<typeof ZInfraEnv>;
export type TEnv = z.infer<typeof ZEnv>;

class ConfigError extends Error {}

const SEE_README = "See the configuration table in README.md.";

export function formatEnvError(error: z.ZodError): string {
  const issue = error.issues[0];
  const name = issue?.path.join(".") ?? "environment";
  // A value that is there but of the wrong kind ("abc" for a number) is invalid, not missing.
  const missing = issue?.code === "invalid_type" && issue.input === undefined;
  const value = missing ? "is missing" : `is invalid: ${issue?.message}`;
  return `Configuration error: ${name} ${value}. ${SEE_README}`;
}

function parse<T extends z.ZodType>(schema: T): z.output<T> {
  const parsed = schema.safeParse(process.env, { reportInput: true });
  if (!parsed.success) throw new ConfigError(formatEnvError(parsed.error));
  return parsed.data;
}

// The public demo login and provider URLs on our own network belong on a
// machine of one's own (`npm start`, tests). A production deployment gets
// them only when DEMO=true says it is a demo.
export function demoAllowed(values: Pick<TEnv, "NODE_ENV" | "DEMO">): boolean {
  return values.NODE_ENV !== "production" || values.DEMO;
}

export function demoRuleError(values: Pick<TEnv, "NODE_ENV" | "DEMO" | "ALLOW_PRIVATE_PROVIDER_URLS">): string | null {
  if (!values.ALLOW_PRIVATE_PROVIDER_URLS || demoAllowed(values)) return null;
  return `Configuration error: ALLOW_PRIVATE_PROVIDER_URLS=true is refused when NODE_ENV=production unless DEMO=true. ${SEE_README}`;
}

let cached: TEnv | undefined;

// Every setting, the secrets included; parsed once per process.
export function env(): TEnv {
  if (cached) return cached;
  const values = parse(ZEnv);
  const refused = demoRuleError(values);
  if (refused) throw new ConfigError(refused);
  cached = values;
  return cached;
}

// The infrastructure part, without the secrets. Read afresh at each call (a
// few microseconds), so a process that points itself at other servers or
// another limit before it connects (the tests, the bench) is taken at its word.
export function infraEnv(): TInfraEnv {
  return parse(ZInfraEnv);
}

function orExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

// For entry points (web instrumentation, workers, scripts): one clear line, then exit.
export const assertEnvOrExit = (): TEnv => orExit(env);
// For what reads the infrastructure before any entry point has checked it
// (the logger, at import) and for processes without secrets.
export const assertInfraEnvOrExit = (): TInfraEnv => orExit(infraEnv);
