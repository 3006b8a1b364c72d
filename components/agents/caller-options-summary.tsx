import { CALLER_OPTION_LABEL, CALLER_SYSTEM_LABEL } from "@/lib/agents/schemas";

import type { TCallerOptions } from "./caller-options-form";

// What members without agent:manage see: the values, nothing to edit.
export function CallerOptionsSummary({ current }: { current: TCallerOptions }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm" aria-label="What callers may send">
      <dt className="text-zinc-500">{CALLER_OPTION_LABEL.callerParams}</dt>
      <dd className="text-zinc-800">{current.callerParams ? "Yes" : "No"}</dd>
      <dt className="text-zinc-500">{CALLER_OPTION_LABEL.callerSystem}</dt>
      <dd className="text-zinc-800">{CALLER_SYSTEM_LABEL[current.callerSystem]}</dd>
    </dl>
  );
}
