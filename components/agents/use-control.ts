"use client";
import { useState, useTransition } from "react";
import type { TControl, TControlAction } from "./forms";

// Sends Start, Restart or Stop; the action's error (a queue outage, say) is
// kept for display next to the button that was pressed.
export function useControl(control: TControl) {
  const [pending, startTransition] = useTransition();
  const [requested, setRequested] = useState<TControlAction | null>(null);
  const [error, setError] = useState("");
  const run = (action: TControlAction) => {
    // Outside the transition, so the pending label is right from the first frame.
    setRequested(action);
    startTransition(async () => {
      const result = await control(action);
      setError(result.ok ? "" : result.error);
    });
  };
  // While the request is in flight the button already says what is coming.
  const phase: TPhase | null = pending ? (requested === "stop" ? "stopping" : "starting") : null;
  return { run, phase, error };
}

export type TPhase = "starting" | "stopping";
export const PHASE_LABEL = { starting: "Starting…", stopping: "Stopping…" } as const satisfies Record<TPhase, string>;
