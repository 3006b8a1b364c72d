// Metrics as Prometheus reads them: a worker process's /metrics and the web's
// route handler, scraped before and after a staged failover, parsed as the
// text format, through the real API route, worker, PostgreSQL, Redis and the
// simulator.
import { randomBytes } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { GET as webMetrics } from "@/app/api/metrics/route";
import { QUEUES } from "@/lib/queue/names";

import { agentApi } from "../../fixtures/agent-api";
import { parsePrometheus, type TSample, valueOf } from "../../fixtures/prometheus";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent } from "../../fixtures/turns";
import { postJson } from "../simulator/sim-client";

const TOKEN = randomBytes(24).toString("hex");
// This process plays the web: its route reads the same token.
process.env.METRICS_TOKEN = TOKEN;
const harness = useTurnHarness("metrics", { env: { METRICS_TOKEN: TOKEN, METRICS_PORT: "0" } });

let workerUrl = "";
beforeAll(() => {
  // The worker took a free port and logged it.
  const line = harness.workers[0]!.output()
    .split("\n")
    .find((l) => l.includes("metrics server listening"));
  const port = line ? (JSON.parse(line) as { port: number }).port : undefined;
  if (!port) throw new Error(`the worker logged no metrics port:\n${harness.workers[0]!.output()}`);
  workerUrl = `http://127.0.0.1:${port}/metrics`;
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function scrapeWorker(): Promise<TSample[]> {
  const response = await fetch(workerUrl, { headers: bearer(TOKEN) });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await response.text());
}

async function scrapeWeb(): Promise<TSample[]> {
  const response = await webMetrics(new Request("http://localhost/api/metrics", { headers: bearer(TOKEN) }));
  expect(response.status).toBe(200);
  return parsePrometheus(await response.text());
}

describe("Prometheus metrics", () => {
  it("move by a staged failover's turns, failovers and attempts, and show the circuit it opened", async () => {
    const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    const staged = await postJson(`${harness.simulatorUrl}/_control`, { key: running.keys.primary, behaviour: "sim-503" });
    expect(staged.ok).toBe(true);
    const api = await agentApi(running);
    const [worker, web] = [await scrapeWorker(), await scrapeWeb()];

    // Three turns: the primary answers 503 each time, so the third opens its circuit (threshold 3).
    for (let turn = 0; turn < 3; turn++) {
      const response = await api.complete({ messages: [{ role: "user", content: `Secret question ${turn}` }] });
      expect(response.status).toBe(200);
    }

    const [workerAfter, webAfter] = [await scrapeWorker(), await scrapeWeb()];
    const moved = (before: TSample[], after: TSample[], name: string, labels: Record<string, string>) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(moved(worker, workerAfter, "understudy_turns_total", { outcome: "answered" })).toBe(3);
    expect(moved(worker, workerAfter, "understudy_failovers_total", { class: "overloaded", vendor: "openai" })).toBe(3);
    expect(moved(worker, workerAfter, "understudy_failovers_total", {})).toBe(3);
    expect(moved(worker, workerAfter, "understudy_attempt_duration_seconds_count", { vendor: "openai", outcome: "overloaded" })).toBe(3);
    expect(moved(worker, workerAfter, "understudy_attempt_duration_seconds_count", { vendor: "anthropic", outcome: "ok" })).toBe(3);
    expect(moved(worker, workerAfter, "understudy_attempt_duration_seconds_bucket", { vendor: "anthropic", outcome: "ok", le: "+Inf" })).toBe(3);
    expect(moved(worker, workerAfter, "understudy_attempt_duration_seconds_sum", { vendor: "anthropic", outcome: "ok" })).toBeGreaterThan(0);
    expect(moved(web, webAfter, "understudy_api_responses_total", { route: "/api/v1/chat/completions", status: "200" })).toBe(3);

    const circuit = (credentialId: string) => webAfter.filter((s) => s.name === "understudy_circuit_state" && s.labels.credential_id === credentialId);
    expect(circuit(running.providers.primary.id)).toEqual([
      {
        name: "understudy_circuit_state",
        labels: { organization_id: running.org.id, credential_id: running.providers.primary.id, model: "gpt-4o-mini" },
        value: 2,
      },
    ]);
    expect(circuit(running.providers.backup.id).map((s) => s.value)).toEqual([0]);
    for (const queue of Object.values(QUEUES)) {
      for (const state of ["waiting", "active", "delayed"]) {
        expect(webAfter.filter((s) => s.name === "understudy_queue_jobs" && s.labels.queue === queue && s.labels.state === state)).toHaveLength(1);
      }
    }

    // Labels are ids, vendors, classes and templates: no key, no message text.
    const values = [...workerAfter, ...webAfter].flatMap((s) => Object.values(s.labels));
    for (const secret of [running.keys.primary, running.keys.backup, api.key, "Secret question", "sim-"]) {
      expect(values.filter((value) => value.includes(secret))).toEqual([]);
    }
  }, 60_000);

  it("are refused without the token, on the worker and on the web", async () => {
    expect((await fetch(workerUrl)).status).toBe(401);
    expect((await fetch(workerUrl, { headers: bearer(`${TOKEN}x`) })).status).toBe(401);
    expect((await fetch(workerUrl.replace("/metrics", "/other"), { headers: bearer(TOKEN) })).status).toBe(404);
    const web = (headers: Record<string, string>) => webMetrics(new Request("http://localhost/api/metrics", { headers }));
    expect((await web({})).status).toBe(401);
    const refused = await web(bearer("a".repeat(48)));
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain("understudy_");
  });
});
