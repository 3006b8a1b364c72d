// The feed's filters as they live in the URL, so a filtered view can be
// shared. Pure. A bad value never fails the page: it falls back to "no filter".
import { z } from "zod";

import { EVENT_TYPES, SEVERITIES, type TEventType, type TSeverity } from "./record-event";

const TIME_RANGES = ["any", "1h", "24h", "7d", "custom"] as const;
export type TTimeRange = (typeof TIME_RANGES)[number];
const RANGE_MS: Record<Exclude<TTimeRange, "any" | "custom">, number> = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 };

// "2026-11-23T10:00" (a datetime-local field, read as UTC) or a full ISO 8601 instant.
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export function parseInstant(value: string | undefined): Date | undefined {
  if (!value || !(LOCAL.test(value) || ZONED.test(value))) return undefined;
  const date = new Date(LOCAL.test(value) ? `${value}Z` : value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const ZInstant = z.string().transform((value, ctx) => {
  const date = parseInstant(value);
  if (date) return date;
  ctx.addIssue({ code: "custom", message: "Not a date" });
  return z.NEVER;
});

const ZFeedQuery = z.object({
  type: optional(z.enum(EVENT_TYPES)),
  severity: optional(z.enum(SEVERITIES)),
  agent: optional(z.string().regex(/^[a-z0-9-]{1,80}$/)),
  provider: optional(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)),
  range: z.enum(TIME_RANGES).catch("any"),
  from: optional(ZInstant),
  to: optional(ZInstant),
});
export type TFeedQuery = {
  type?: TEventType;
  severity?: TSeverity;
  agent?: string;
  provider?: string;
  range: TTimeRange;
  from?: Date;
  to?: Date;
};

type TSearchInput = URLSearchParams | Record<string, string | string[] | undefined>;
const first = (input: TSearchInput, name: string) => {
  const value = input instanceof URLSearchParams ? input.get(name) : input[name];
  return (Array.isArray(value) ? value[0] : value) || undefined;
};

export function parseFeedQuery(input: TSearchInput): TFeedQuery {
  const raw = Object.fromEntries(Object.keys(ZFeedQuery.shape).map((name) => [name, first(input, name)]));
  const { from, to, range, ...rest } = ZFeedQuery.parse(raw);
  if (range !== "custom") return { ...rest, range };
  // A custom range needs at least one bound, and its bounds in order.
  if ((!from && !to) || (from && to && from > to)) return { ...rest, range: "any" };
  return { ...rest, range, from, to };
}

// The query string that reproduces a filter; empty values are left out.
export function feedQueryString(query: TFeedQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const name of ["type", "severity", "agent", "provider"] as const) {
    const value = query[name];
    if (value) params.set(name, value);
  }
  if (query.range !== "any") params.set("range", query.range);
  if (query.range === "custom" && query.from) params.set("from", query.from.toISOString());
  if (query.range === "custom" && query.to) params.set("to", query.to.toISOString());
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return params.toString();
}

export const isFiltered = (query: TFeedQuery) => Boolean(query.type || query.severity || query.agent || query.provider || query.range !== "any");

export function timeBounds(query: TFeedQuery, now: Date): { from?: Date; to?: Date } {
  if (query.range === "any") return {};
  if (query.range === "custom") return { from: query.from, to: query.to };
  return { from: new Date(now.getTime() - RANGE_MS[query.range]) };
}
