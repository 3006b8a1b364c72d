// The environment, parsed once with zod. A bad value stops the process with
// one line that names the variable, never a stack trace.
import { z } from "zod";

const ZBool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const ZBase64Key = z
  .string()
  .refine((v) => /^[A-Za-z0-9+/]{43}=$/.test(v), "must be 32 random bytes in base64 (openssl rand -base64 32)");

export const ZEnv = z.object({
  DATABASE_URL: z.url().default("postgresql://postgres@127.0.0.1:5432/understudy"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.url().default("redis://127.0.0.1:6379"),
  MASTER_KEY: ZBase64Key,
  MASTER_KEY_VERSION: z.coerce.number().int().positive().default(1),
  // "version:base64,version:base64" — older master keys still accepted while rotating.
  MASTER_KEY_PREVIOUS: z.string().default(""),
  ALLOW_PRIVATE_PROVIDER_URLS: ZBool.default(false),
  NODE_ENV: z.string().default("development"),
  // Under NODE_ENV=production the demo login and private provider URLs need this (see demoRuleError).
  DEMO: ZBool.default(false),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  // All of one organization's keys together: two keys at full speed, so one busy key never meets it first.
  ORG_API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  API_KEYS_PER_AGENT: z.coerce.number().int().min(1).max(1000).default(20),
  // Fair share: an organization's turns running at once across all workers
  // (organizations.max_turns_in_flight overrides it); a quarter of one default worker.
  ORG_MAX_TURNS_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(8),
  // How long a killed worker's turn keeps its organization's slot; a live turn renews it.
  TURN_SLOT_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  // Text, tool arguments and reasoning collected from one provider answer.
  PROVIDER_ANSWER_MAX_BYTES: z.coerce.number().int().min(1024).default(8 * 1024 * 1024),
  SIMULATOR_URL: z.url().default("http://127.0.0.1:4010"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  // How long a stopping worker lets its turns in flight finish before it
  // exits anyway, handing them back (whatever is down).
  WORKER_STOP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  CIRCUIT_FAILURE_THRESHOLD: z.coerce.number().int().min(1).max(100).default(3),
  CIRCUIT_COOLDOWN_MS: z.coerce.number().int().min(100).default(30_000),
  CIRCUIT_MAX_COOLDOWN_MS: z.coerce.number().int().min(100).default(300_000),
  // Namespace of the BullMQ keys in Redis (lets separate deployments or test runs share one Redis).
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default("understudy"),
  HEALTH_PROBE_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  // Password hashing (argon2id) runs on this many worker threads; this many
  // more requests may wait, and the next is told to try again in a moment.
  PASSWORD_HASH_THREADS: z.coerce.number().int().min(1).max(64).default(2),
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(10_000).default(32),
  // Sign-in and sign-up attempts per client address per minute (each counted apart), checked before any hashing.
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
  SMTP_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^smtps?$/ }).optional()),
  MAIL_FROM: z.string().min(3).default("Understudy <no-reply@localhost>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

export function formatEnvError(error: z.ZodError): string {
  const issue = error.issues[0];
  const name = issue?.path.join(".") ?? "environment";
  const value = issue?.code === "invalid_type" ? "is missing" : `is invalid: ${issue?.message}`;
  return `Configuration error: ${name} ${value}. See the configuration table in README.md.`;
}

// The public demo login and provider URLs on our own network belong on a
// machine of one's own (`npm start`, tests). A production deployment gets
// them only when DEMO=true says it is a demo.
export function demoAllowed(values: Pick<TEnv, "NODE_ENV" | "DEMO">): boolean {
  return values.NODE_ENV !== "production" || values.DEMO;
}

export function demoRuleError(values: Pick<TEnv, "NODE_ENV" | "DEMO" | "ALLOW_PRIVATE_PROVIDER_URLS">): string | null {
  if (!values.ALLOW_PRIVATE_PROVIDER_URLS || demoAllowed(values)) return null;
  return "Configuration error: ALLOW_PRIVATE_PROVIDER_URLS=true is refused when NODE_ENV=production unless DEMO=true. See the configuration table in README.md.";
}

export function env(): TEnv {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) throw new ConfigError(formatEnvError(parsed.error));
  const refused = demoRuleError(parsed.data);
  if (refused) throw new ConfigError(refused);
  cached = parsed.data;
  return cached;
}

export class ConfigError extends Error {}

// For entry points (web instrumentation, workers): one clear line, then exit.
export function assertEnvOrExit() {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
