"use client";
import { useState } from "react";

import { useActionRunner } from "@/components/ui/use-action-runner";

import type { TControl, TControlAction } from "./forms";

// Sends Start, Restart or Stop; the action's error (a queue outage, say) is
// kept for display next to the button that was pressed.
export function useControl(control: TControl) {
  const runner = useActionRunner();
  const [requested, setRequested] = useState<TControlAction | null>(null);
  const run = (action: TControlAction) => {
    // Outside the transition, so the pending label is right from the first frame.
    setRequested(action);
    runner.run(() => control(action));
  };
  // While the request is in flight the button already says what is coming.
  const phase: TPhase | null = runner.pending ? (requested === "stop" ? "stopping" : "starting") : null;
  return { run, phase, error: runner.error };
}

type TPhase = "starting" | "stopping";
export const PHASE_LABEL = { starting: "Starting…", stopping: "Stopping…" } as const satisfies Record<TPhase, string>;
