// The process's Prometheus registry and the metrics the turn path and the API
// count into. One registry per process (a singleton, so Next's bundles share
// it); labels are ids, vendors, outcome classes and route templates, never a
// key or a message, and none grows with traffic.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

import { singleton } from "../singleton";

// LLM calls last from a fraction of a second to minutes (long answers stream).
const LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "understudy_" });
  const registers = [registry];
  return {
    registry,
    turns: new Counter({
      name: "understudy_turns_total",
      help: "Turns settled by a worker, by outcome: answered, or the failure's outcome class",
      labelNames: ["outcome"] as const,
      registers,
    }),
    failovers: new Counter({
      name: "understudy_failovers_total",
      help: "Links a turn gave up on, by the outcome class that made it give up and the link's vendor",
      labelNames: ["class", "vendor"] as const,
      registers,
    }),
    attemptSeconds: new Histogram({
      name: "understudy_attempt_duration_seconds",
      help: "Provider calls a turn made (skipped links excluded), by vendor and outcome class",
      labelNames: ["vendor", "outcome"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    apiResponses: new Counter({
      name: "understudy_api_responses_total",
      help: "Responses of the OpenAI-compatible API, by route template and status code",
      labelNames: ["route", "status"] as const,
      registers,
    }),
  };
}

export const metrics = () => singleton("metrics", createMetrics);

// A gauge read at scrape time from shared state (Redis, PostgreSQL): a failed
// read leaves it empty for that scrape rather than failing the whole scrape.
export function scrapeGauge<L extends string>({
  name,
  help,
  labelNames,
  read,
  onError,
}: {
  name: string;
  help: string;
  labelNames: readonly L[];
  read: () => Promise<Array<{ labels: Record<L, string>; value: number }>>;
  onError: (error: unknown) => void;
}) {
  return new Gauge({
    name,
    help,
    labelNames,
    registers: [metrics().registry],
    async collect() {
      this.reset();
      try {
        for (const { labels, value } of await read()) this.set(labels as Partial<Record<L, string>>, value);
      } catch (error) {
        onError(error);
      }
    },
  });
}
