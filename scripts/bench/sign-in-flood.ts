// Section 6 of `npm run bench`: what a flood of sign-ins with random emails
// costs everyone else. /api/health's latency is measured alone, then while
// 20 clients sign in back to back through next-auth's credentials route;
// each attempt costs one argon2id verify (a decoy for an unknown email).
// The benchmark lifts the per-address limit and the pool's share per
// address, so this measures the hashing pool alone; with them, one address
// is cut off after AUTH_IP_LIMIT_PER_MINUTE and holds PASSWORD_HASH_PER_CLIENT
// places in the pool at most.
import { randomUUID } from "node:crypto";

import { fmt, percentile, runClients, table, type TSample } from "./load";

const FLOOD_CLIENTS = 20;
const SECONDS = 15;

async function health(app: string) {
  const res = await fetch(`${app}/api/health`);
  await res.arrayBuffer();
  return res.ok;
}

// One next-auth CSRF token and cookie per client, reused for its attempts.
async function signInClient(app: string) {
  const res = await fetch(`${app}/api/auth/csrf`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return async (outcomes: Map<string, number>) => {
    const body = new URLSearchParams({ email: `${randomUUID()}@example.test`, password: "not the password", csrfToken });
    const answer = await fetch(`${app}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    await answer.arrayBuffer();
    const location = answer.headers.get("location") ?? "";
    const outcome = new URL(location, app).searchParams.get("code") ?? (location.includes("error=") ? "wrong password" : `status ${answer.status}`);
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    return true;
  };
}

const row = (name: string, samples: TSample[], extra: Record<string, string | number>) => ({
  load: name,
  "health requests": samples.length,
  "health p50": fmt(
    percentile(
      samples.map((s) => s.ms),
      50,
    ),
  ),
  "health p99": fmt(
    percentile(
      samples.map((s) => s.ms),
      99,
    ),
  ),
  "health errors": samples.filter((s) => !s.ok).length,
  ...extra,
});

export async function signInFloodSection({ app }: { app: string }) {
  await runClients({ clients: 1, total: 20, call: () => health(app) });
  const idle = await runClients({ clients: 1, durationMs: 5_000, call: () => health(app) });

  const attempts = await Promise.all(Array.from({ length: FLOOD_CLIENTS }, () => signInClient(app)));
  const outcomes = new Map<string, number>();
  const [flood, loaded] = await Promise.all([
    runClients({ clients: FLOOD_CLIENTS, durationMs: SECONDS * 1000, call: (i) => attempts[i % FLOOD_CLIENTS]!(outcomes) }),
    runClients({ clients: 1, durationMs: SECONDS * 1000, call: () => health(app) }),
  ]);
  const answers = [...outcomes].map(([k, v]) => `${k}: ${v}`).join(", ");

  console.log(`\n6. /api/health while ${FLOOD_CLIENTS} clients sign in with random emails for ${SECONDS} s`);
  console.log(
    table([
      row("idle", idle.samples, { "sign-ins/s": 0, "sign-in p50": "n/a", "sign-in answers": "" }),
      row(`${FLOOD_CLIENTS} sign-in clients`, loaded.samples, {
        "sign-ins/s": (flood.samples.length / (flood.elapsedMs / 1000)).toFixed(1),
        "sign-in p50": fmt(
          percentile(
            flood.samples.map((s) => s.ms),
            50,
          ),
        ),
        "sign-in answers": answers,
      }),
    ]),
  );
}
