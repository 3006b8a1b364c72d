// A failover drill as its activity event stores it, and in words. Pure.
import { z } from "zod";

import { describeOutcome } from "../providers/describe-outcome";
import { toOutcomeClass } from "../providers/types";
import { DRILL_TRIGGERS } from "../queue/names";

// One backup's run: every link before it was forced to fail.
export const ZDrillBackup = z.object({
  // 1 is the first backup.
  position: z.number().int().positive(),
  label: z.string(),
  vendor: z.string(),
  model: z.string(),
  ok: z.boolean(),
  latencyMs: z.number().int().nonnegative(),
  outcome: z.string(),
  status: z.number().int().nullable(),
  message: z.string().nullable(),
});
export type TDrillBackup = z.infer<typeof ZDrillBackup>;

// The event's data; each backup's attempt timeline is kept beside it
// (`attempts`) and read by the feed, not by this schema.
export const ZDrillData = z.object({
  drillId: z.string(),
  trigger: z.enum(DRILL_TRIGGERS),
  passed: z.boolean(),
  results: z.array(ZDrillBackup),
  // Why no backup was tried (the agent had stopped, or lost its backups, before the drill ran).
  message: z.string().nullable().optional(),
});
export type TDrillData = z.infer<typeof ZDrillData>;

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

// "Backup 1 (Anthropic production) answered in 812 ms." / "Backup 2 (API key …x9Q2) failed: key rejected (401)."
export function backupSentence(backup: TDrillBackup): string {
  const name = `Backup ${backup.position} (${backup.label})`;
  if (backup.ok) return `${name} answered in ${backup.latencyMs} ms.`;
  return `${name} failed: ${lower(describeOutcome(toOutcomeClass(backup.outcome), backup.status ?? undefined))}.`;
}

export function drillSentences(data: Pick<TDrillData, "results" | "message">): string[] {
  if (data.results.length === 0) return [data.message ?? "No backup was tried."];
  return data.results.map(backupSentence);
}
