import { AutoRefresh } from "@/components/agents/auto-refresh";
import { EmptyState, Notice } from "@/components/ui/feedback";
import type { TAgentHealth } from "@/lib/provider-health/read-provider-health";

import { HealthCard, type THealthActions } from "./health-card";

// Circuit state changes in the workers; the section asks the server again
// every 10 s so an opened or recovered provider shows without a reload.
const REFRESH_MS = 10_000;

export function ProviderHealth({ health, actions }: { health: TAgentHealth; actions: THealthActions | null }) {
  return (
    <section aria-labelledby="provider-health" className="space-y-3">
      <div>
        <h2 id="provider-health" className="text-base font-semibold text-zinc-900">
          Provider health
        </h2>
        <p className="text-sm text-zinc-600">Each provider of the running chain: whether turns reach it, its last error and this agent&apos;s calls to it.</p>
      </div>
      {health.kind === "not_started" ? (
        <EmptyState title="Start the agent to see provider health">Once it runs, each provider of its chain shows here with its circuit state.</EmptyState>
      ) : null}
      {health.kind === "unavailable" ? <Notice tone="warning">{health.message}</Notice> : null}
      {health.kind === "ready" ? (
        <ul aria-label="Provider health" className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {health.links.map((link) => (
            <HealthCard key={`${link.role}-${link.credentialId}-${link.model}`} link={link} now={health.now} actions={actions} />
          ))}
        </ul>
      ) : null}
      <AutoRefresh active={health.kind !== "not_started"} intervalMs={REFRESH_MS} />
    </section>
  );
}
