// CSV rows of the activity export (RFC 4180). Pure.
import { describeEvent } from "./describe-event";

export const CSV_HEADER = ["time", "agent", "type", "severity", "sentence", "providers", "conversation_id", "turn_id"] as const;

// A spreadsheet runs a cell that starts with one of these as a formula: a
// leading quote makes it text (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

type TCsvEvent = {
  type: string;
  severity: string;
  data: unknown;
  createdAt: Date;
  actorName: string | null;
  credentialIds: string[];
  agent: { name: string } | null;
};

const ref = (data: unknown, name: "conversationId" | "turnId") => {
  const value = ((data ?? {}) as Record<string, unknown>)[name];
  return typeof value === "string" ? value : "";
};

// `providerNames` maps a credential id to its label; a provider deleted since
// the event was written has none.
export function eventCsvRow(event: TCsvEvent, providerNames: ReadonlyMap<string, string>): string {
  return csvRow([
    event.createdAt.toISOString(),
    event.agent?.name ?? "",
    event.type,
    event.severity,
    describeEvent({ type: event.type, data: event.data, actorName: event.actorName, agentName: null }),
    event.credentialIds.map((id) => providerNames.get(id) ?? "(deleted provider)").join("; "),
    ref(event.data, "conversationId"),
    ref(event.data, "turnId"),
  ]);
}
