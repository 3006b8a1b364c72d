import { ANSWER_BREAK_LABEL } from "@/lib/agents/schemas";

import type { TAnswering } from "./answering-form";

// What members without agent:manage see: the values, nothing to edit.
export function AnsweringSummary({ current }: { current: TAnswering }) {
  const minutes = current.turnBudgetMs / 60_000;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm" aria-label="Answering settings">
      <dt className="text-zinc-500">Turn budget</dt>
      <dd className="text-zinc-800">
        {minutes} {minutes === 1 ? "minute" : "minutes"}
      </dd>
      <dt className="text-zinc-500">When an answer breaks off</dt>
      <dd className="text-zinc-800">{ANSWER_BREAK_LABEL[current.onBreak]}</dd>
    </dl>
  );
}
