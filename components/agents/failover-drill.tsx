"use client";
import { useState } from "react";

import { timeFormat, useTimeZone } from "@/components/overview/use-time-zone";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge, Card, FormError, Notice } from "@/components/ui/feedback";
import { useActionRunner } from "@/components/ui/use-action-runner";
import type { TActionResult } from "@/lib/auth/action-result";
import type { TDrillView } from "@/lib/drills/latest-drill";
import type { TDrillRequest } from "@/lib/drills/request-drill";

export type TDrillActions = {
  run: () => Promise<TActionResult<TDrillRequest>>;
  daily: (enabled: boolean) => Promise<TActionResult>;
};

type TProps = {
  latest: TDrillView | null;
  // Why a drill cannot run now (the agent is stopped, or has no backup).
  blocker: string | null;
  backups: number;
  dailyDrill: boolean;
  // Null for members and viewers: they see the result, not the button.
  actions: TDrillActions | null;
};

const WHEN: Intl.DateTimeFormatOptions = { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" };

// The Overview's failover drill: the button (asking first, since each backup
// gets one real call), the waiting state, and the latest drill's result.
export function FailoverDrill({ latest, blocker, backups, dailyDrill, actions }: TProps) {
  const { pending, error, run } = useActionRunner();
  const [fresh, setFresh] = useState<TDrillRequest | null>(null);
  const shown = fresh?.state === "done" ? fresh.drill : latest;
  return (
    <section aria-labelledby="failover-drill" className="space-y-3">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h2 id="failover-drill" className="text-base font-semibold text-zinc-900">
            Failover drill
          </h2>
          <p className="text-sm text-zinc-600">
            Sends one short message to each backup with every provider before it made to fail, to show the backups answer before an outage needs them.
          </p>
        </div>
        {actions ? (
          <ConfirmDialog
            trigger={pending ? "Running drill…" : "Run failover drill"}
            title="Run a failover drill?"
            confirmLabel="Run drill"
            confirmVariant="primary"
            triggerVariant="primary"
            disabled={pending || blocker !== null}
            onConfirm={() => run(actions.run, setFresh)}
          >
            This makes one real call to each backup provider ({backups === 1 ? "1 call" : `${backups} calls`}), which may cost tokens. The primary is not
            called: the drill makes it fail on purpose. Traffic charts and provider share are not affected.
          </ConfirmDialog>
        ) : null}
      </div>
      {actions && blocker ? <p className="text-sm text-zinc-600">{blocker}</p> : null}
      {pending ? <Notice>Running the drill: each backup is being called…</Notice> : null}
      <FormError message={error} />
      {fresh?.state === "pending" && !pending ? (
        <Notice tone="warning">The drill is still running. Its result will appear here and in the activity feed.</Notice>
      ) : null}
      {shown ? <DrillResult drill={shown} /> : <p className="text-sm text-zinc-500">No drill has run on this agent yet.</p>}
      <DailyDrill enabled={dailyDrill} change={actions?.daily ?? null} />
    </section>
  );
}

function DrillResult({ drill }: { drill: TDrillView }) {
  const timeZone = useTimeZone();
  const who = drill.trigger === "daily" ? "Daily drill" : `Run${drill.actorName ? ` by ${drill.actorName}` : ""}`;
  return (
    <Card className="space-y-2 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold text-zinc-900">Latest drill</h3>
        <Badge tone={drill.passed ? "green" : "red"}>{drill.passed ? "Every backup answered" : "A backup failed"}</Badge>
        <span className="text-xs text-zinc-500">
          {who}, <time dateTime={drill.at}>{timeFormat(timeZone, WHEN)(Date.parse(drill.at))}</time>
        </span>
      </div>
      <ul aria-label="Drill result" className="space-y-1 text-sm text-zinc-800">
        {drill.sentences.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
    </Card>
  );
}

function DailyDrill({ enabled, change }: { enabled: boolean; change: TDrillActions["daily"] | null }) {
  const { pending, error, run } = useActionRunner();
  if (!change) return <p className="text-sm text-zinc-600">Daily drill: {enabled ? "on" : "off"}.</p>;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-zinc-700">
          Daily drill: <span className="font-medium">{enabled ? "on" : "off"}</span>. Once a day, one real call to each backup; a failed drill alerts.
        </p>
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(() => change(!enabled))}>
          {pending ? "Saving…" : enabled ? "Turn daily drill off" : "Turn daily drill on"}
        </Button>
      </div>
      <FormError message={error} />
    </div>
  );
}
