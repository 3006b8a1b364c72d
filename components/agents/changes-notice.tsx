"use client";
import { Button } from "@/components/ui/button";
import { FormError, Notice } from "@/components/ui/feedback";

import type { TControl } from "./forms";
import { PHASE_LABEL, useControl } from "./use-control";

const COPY = {
  restart: {
    title: "Restart the agent to apply changes",
    body: "It keeps answering with the chain it started with until it restarts.",
    button: "Restart agent",
    action: "restart",
  },
  start: {
    title: "Start the agent",
    body: "It has never been started, so it answers nothing yet. Start it to put this chain to work.",
    button: "Start agent",
    action: "start",
  },
} as const;

// Chain edits only reach a running agent through a restart; this says so
// right where the edit was made.
export function ChangesNotice({ kind, starting, control }: { kind: keyof typeof COPY; starting: boolean; control: TControl }) {
  const { run, phase, error } = useControl(control);
  const copy = COPY[kind];
  const busy = phase ?? (starting ? ("starting" as const) : null);
  return (
    <div className="space-y-2">
      <Notice tone={kind === "restart" ? "warning" : "info"}>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <p className="font-semibold">{copy.title}</p>
            <p className="mt-0.5">{copy.body}</p>
          </div>
          <Button
            size="sm"
            className="self-start sm:self-auto"
            disabled={busy !== null}
            aria-busy={busy !== null || undefined}
            onClick={() => run(copy.action)}
          >
            {busy ? PHASE_LABEL[busy] : copy.button}
          </Button>
        </div>
      </Notice>
      <FormError message={error} />
    </div>
  );
}
