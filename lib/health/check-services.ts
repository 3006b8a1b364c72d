import { db } from "../db/client";
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

// A stranger learns only up or down per service: the error text names hosts
// and ports. Members of the app (any signed-in user) also get latency and
// the error, which is what they need to act on an outage.
function publicView(services: TServices) {
  return Object.fromEntries(Object.entries(services).map(([name, s]) => [name, { ok: s.ok }]));
}

export function healthReport(services: TServices, { detail }: { detail: boolean }) {
  const down = Object.entries(services)
    .filter(([, s]) => !s.ok)
    .map(([name]) => name);
  const shown = detail ? services : publicView(services);
  const body = { status: down.length ? "unavailable" : "ok", ...(down.length ? { message: `Unavailable: ${down.join(", ")}` } : {}), services: shown };
  return { status: down.length ? 503 : 200, body };
}

export async function checkServices(timeoutMs = 2000): Promise<TServices> {
  const [postgres, redisState] = await Promise.all([probe(() => db.$queryRaw`SELECT 1`, timeoutMs), probe(() => redis.ping(), timeoutMs)]);
  return { postgres, redis: redisState };
}
