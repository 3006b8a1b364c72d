// The client feed's list: shown events, and live events held back while the
// reader is scrolled down. Every change de-duplicates by id and keeps the
// server's order (newest first, id breaking ties). Pure.
import type { TEventDto } from "@/lib/activity/event-dto";

type TFeedState = { events: TEventDto[]; pending: TEventDto[] };
type TFeedAction = { kind: "arrived"; events: TEventDto[]; show: boolean } | { kind: "reveal" } | { kind: "older"; events: TEventDto[] };

const newestFirst = (a: TEventDto, b: TEventDto) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

function mergeEvents(list: TEventDto[], more: TEventDto[]): TEventDto[] {
  const byId = new Map(list.map((e) => [e.id, e]));
  for (const e of more) byId.set(e.id, e);
  return [...byId.values()].sort(newestFirst);
}

export function feedReducer(state: TFeedState, action: TFeedAction): TFeedState {
  if (action.kind === "reveal") return state.pending.length ? { events: mergeEvents(state.events, state.pending), pending: [] } : state;
  if (action.kind === "older") return { ...state, events: mergeEvents(state.events, action.events) };
  // Live polls overlap on purpose: most of what they return is already here.
  const known = new Set([...state.events, ...state.pending].map((e) => e.id));
  const fresh = action.events.filter((e) => !known.has(e.id));
  if (!fresh.length && !(action.show && state.pending.length)) return state;
  const pending = mergeEvents(state.pending, fresh);
  return action.show ? { events: mergeEvents(state.events, pending), pending: [] } : { events: state.events, pending };
}
