import { db } from "../db/client";
import { log } from "../log";
import { redis } from "../redis";

type TServiceState = { ok: boolean; latencyMs: number; error?: string };

export async function probe(run: () => Promise<unknown>, timeoutMs: number): Promise<TServiceState> {
  const started = performance.now();
  try {
    await Promise.race([run(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref())]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message.split("\n")[0] : "unreachable" };
  }
}

type TServices = { postgres: TServiceState; redis: TServiceState };

// Every caller learns only up or down per service, signed in or not: the
// error text names hosts and ports, and anyone can sign up. The operator
// reads it in the log (checkServices).
function publicView(services: TServices) {
  return Object.fromEntries(Object.entries(services).map(([name, s]) => [name, { ok: s.ok }]));
}

export function healthReport(services: TServices) {
  const down = Object.entries(services)
    .filter(([, s]) => !s.ok)
    .map(([name]) => name);
  const body = {
    status: down.length ? "unavailable" : "ok",
    ...(down.length ? { message: `Unavailable: ${down.join(", ")}` } : {}),
    services: publicView(services),
  };
  return { status: down.length ? 503 : 200, body };
}

export async function checkServices(timeoutMs = 2000): Promise<TServices> {
  const [postgres, redisState] = await Promise.all([probe(() => db.$queryRaw`SELECT 1`, timeoutMs), probe(() => redis.ping(), timeoutMs)]);
  const services = { postgres, redis: redisState };
  for (const [service, state] of Object.entries(services)) {
    if (!state.ok) log.warn({ service, error: state.error, latencyMs: state.latencyMs }, "health check failed");
  }
  return services;
}
