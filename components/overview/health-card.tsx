"use client";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge, Card, FormError } from "@/components/ui/feedback";
import { useActionRunner } from "@/components/ui/use-action-runner";
import type { TActionResult } from "@/lib/auth/action-result";
import { healthDetail, healthWords, type THealthStatus } from "@/lib/provider-health/health-status";
import type { THealthTarget } from "@/lib/provider-health/health-target";
import type { TLinkHealth } from "@/lib/provider-health/read-provider-health";

import { LocalTime } from "./local-time";
import { timeFormat, useTimeZone } from "./use-time-zone";

export type THealthActions = {
  probe: (target: THealthTarget) => Promise<TActionResult<{ ok: boolean; message: string }>>;
  reset: (target: THealthTarget) => Promise<TActionResult>;
};

const TONES: Record<THealthStatus["kind"], "green" | "amber" | "red"> = {
  healthy: "green",
  degraded: "amber",
  open: "red",
  probe_due: "amber",
  needs_attention: "red",
};

function usage(calls: number, failures: number) {
  if (calls === 0) return "No calls";
  return `${calls} ${calls === 1 ? "call" : "calls"}, ${Math.round((failures / calls) * 100)}% failed`;
}

// One link of the running chain: its circuit in words, last error, recent
// calls and, for those who may manage the agent, Probe now and Reset health.
export function HealthCard({ link, now, actions }: { link: TLinkHealth; now: number; actions: THealthActions | null }) {
  const timeZone = useTimeZone();
  const time = timeFormat(timeZone, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  return (
    <li aria-label={link.role}>
      <Card className="h-full space-y-3 p-4">
        <div className="min-w-0">
          <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{link.role}</p>
          <p className="truncate text-sm font-semibold text-zinc-900">{link.label}</p>
          <p className="truncate text-sm text-zinc-600">{link.model}</p>
        </div>
        <div>
          <p>
            <Badge tone={TONES[link.status.kind]}>{healthWords(link.status, time)}</Badge>
          </p>
          <p className="mt-1 text-xs text-zinc-600">{healthDetail(link.status)}</p>
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-zinc-500">Last error</dt>
          <dd className="text-zinc-800">
            {link.lastError ? (
              <>
                {link.lastError.words}, <LocalTime at={link.lastError.at} now={now} />
              </>
            ) : (
              "None"
            )}
          </dd>
          <dt className="text-zinc-500">Last hour</dt>
          <dd className="text-zinc-800">{usage(link.calls, link.failures)}</dd>
        </dl>
        {actions ? <HealthButtons link={link} actions={actions} /> : null}
      </Card>
    </li>
  );
}

function HealthButtons({ link, actions }: { link: TLinkHealth; actions: THealthActions }) {
  const { pending, error, run } = useActionRunner();
  const [probe, setProbe] = useState<{ ok: boolean; message: string } | null>(null);
  const target = { credentialId: link.credentialId, model: link.model };
  return (
    <div className="space-y-2 border-t border-zinc-100 pt-3" aria-busy={pending || undefined}>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(() => actions.probe(target), setProbe)}>
          {pending ? "Working…" : "Probe now"}
        </Button>
        <ConfirmDialog
          trigger="Reset health"
          title={`Reset health of ${link.label}?`}
          confirmLabel="Reset health"
          onConfirm={() =>
            run(
              () => actions.reset(target),
              () => setProbe(null),
            )
          }
        >
          Its circuit closes and its cooldown is cleared, so the next turn goes to it first again. Do this once the provider works again, e.g. after replacing
          its key.
        </ConfirmDialog>
      </div>
      {probe ? (
        <p role="status" className={probe.ok ? "text-sm text-emerald-800" : "text-sm text-red-800"}>
          Probe: {probe.message}
        </p>
      ) : null}
      <FormError message={error} />
    </div>
  );
}
