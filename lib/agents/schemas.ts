import { z } from "zod";

import { ZApiKey, ZBaseUrl } from "../credentials/schemas";
import { ZVendor } from "../providers/types";

export const MAX_BACKUPS = 3;
export const DEFAULT_FIRST_TOKEN_TIMEOUT_SECONDS = 30;
export const DEFAULT_STALL_TIMEOUT_SECONDS = 30;
export const LINK_TIMEOUT_SECONDS = { min: 1, max: 600 } as const;
export const DEFAULT_TURN_BUDGET_MINUTES = 10;
export const TURN_BUDGET_MINUTES = { min: 1, max: 30 } as const;
export const ANSWER_BREAK_POLICIES = ["continue_on_backup", "end_with_error"] as const;
export const ZAnswerBreakPolicy = z.enum(ANSWER_BREAK_POLICIES, { error: "Choose what happens when an answer breaks off" });
export type TAnswerBreakPolicy = z.infer<typeof ZAnswerBreakPolicy>;
// The choices' names, the same on the AI Provider tab and in the activity feed.
export const ANSWER_BREAK_LABEL: Record<TAnswerBreakPolicy, string> = { continue_on_backup: "Continue on the backup", end_with_error: "End with an error" };

const ZModel = z.string().trim().min(1, "Enter a model").max(200, "Keep the model under 200 characters");
const linkTimeout = (what: string) => {
  const range = `The ${what} must be between ${LINK_TIMEOUT_SECONDS.min} and ${LINK_TIMEOUT_SECONDS.max} seconds`;
  return z.coerce
    .number({ error: `Enter the ${what} in seconds` })
    .int("Use whole seconds")
    .min(LINK_TIMEOUT_SECONDS.min, range)
    .max(LINK_TIMEOUT_SECONDS.max, range);
};
// Both deadlines judge silence, not length: an answer that keeps streaming is never cut.
const LINK_TIMEOUTS = { firstTokenTimeoutSeconds: linkTimeout("first token timeout"), stallTimeoutSeconds: linkTimeout("stall timeout") };

// The form's seconds as the chain link stores them.
export function linkTimeoutsMs(input: { firstTokenTimeoutSeconds: number; stallTimeoutSeconds: number }) {
  return { firstTokenTimeoutMs: input.firstTokenTimeoutSeconds * 1000, stallTimeoutMs: input.stallTimeoutSeconds * 1000 };
}

export const ZCreateAgent = z.object({
  name: z.string().trim().min(1, "Enter a name").max(80, "Keep the name under 80 characters"),
  instructions: z.string().trim().min(1, "Tell the agent how to behave").max(20_000, "Keep the instructions under 20,000 characters"),
  credentialId: z.string().min(1, "Choose a saved provider"),
  model: ZModel,
});
export type TCreateAgent = z.infer<typeof ZCreateAgent>;

export const ZSetPrimary = z.object({ credentialId: z.string().min(1, "Choose a saved provider"), model: ZModel, ...LINK_TIMEOUTS });
export type TSetPrimary = z.infer<typeof ZSetPrimary>;

// A backup is a saved provider of the chosen vendor, or a key pasted for this agent only.
export const ZSetBackup = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("saved"),
    position: z.coerce.number().int().min(1).max(MAX_BACKUPS).optional(),
    vendor: ZVendor,
    credentialId: z.string().min(1, "Choose a saved provider"),
    model: ZModel,
    ...LINK_TIMEOUTS,
  }),
  z.object({
    mode: z.literal("api_key"),
    position: z.coerce.number().int().min(1).max(MAX_BACKUPS).optional(),
    vendor: ZVendor,
    apiKey: ZApiKey,
    model: ZModel,
    baseUrl: ZBaseUrl.default(""),
    ...LINK_TIMEOUTS,
  }),
]);
export type TSetBackup = z.infer<typeof ZSetBackup>;

export const ZBackupPosition = z.object({ position: z.coerce.number().int().min(1).max(MAX_BACKUPS) });
export const ZMoveBackup = ZBackupPosition.extend({ direction: z.enum(["up", "down"]) });

export const CONTROL_ACTIONS = ["start", "restart", "stop"] as const;
export type TControlAction = (typeof CONTROL_ACTIONS)[number];
export const ZControlAgent = z.object({ action: z.enum(CONTROL_ACTIONS, { error: "Choose Start, Restart or Stop" }) });

const budgetRange = `The turn budget must be between ${TURN_BUDGET_MINUTES.min} and ${TURN_BUDGET_MINUTES.max} minutes`;
// How one turn may run across the whole chain; part of the running configuration.
export const ZSetAnswering = z.object({
  turnBudgetMinutes: z.coerce
    .number({ error: "Enter the turn budget in minutes" })
    .int("Use whole minutes")
    .min(TURN_BUDGET_MINUTES.min, budgetRange)
    .max(TURN_BUDGET_MINUTES.max, budgetRange),
  onBreak: ZAnswerBreakPolicy,
});
export type TSetAnswering = z.infer<typeof ZSetAnswering>;

// What the agent API accepts from its callers. Read on every request, so a
// change applies to the next one, without a restart.
export const CALLER_SYSTEM_POLICIES = ["drop", "append"] as const;
export const ZCallerSystemPolicy = z.enum(CALLER_SYSTEM_POLICIES, { error: "Choose what happens to callers' system messages" });
export type TCallerSystemPolicy = z.infer<typeof ZCallerSystemPolicy>;
// The settings' and the choices' names, the same in the form and in its read-only summary.
export const CALLER_OPTION_LABEL = { callerParams: "Callers may send tools and parameters", callerSystem: "Callers' system messages" } as const;
export const CALLER_SYSTEM_LABEL: Record<TCallerSystemPolicy, string> = {
  drop: "Dropped: only the agent's instructions apply",
  append: "Added after the agent's instructions",
};
// A form sends an unchecked checkbox as nothing at all; the action turns its presence into the boolean.
export const ZSetCallerOptions = z.object({
  callerParams: z.boolean({ error: "Choose whether callers may send tools and parameters" }),
  callerSystem: ZCallerSystemPolicy,
});
export type TSetCallerOptions = z.infer<typeof ZSetCallerOptions>;
