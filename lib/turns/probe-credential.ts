// One real call to a credential and model through the vault, its outcome
// recorded in the circuit store and its health transitions in the activity
// feed. The background prober and "Probe now" both go through here.
import { recordEvent } from "../activity/record-event";
import { keyring } from "../crypto/keyring";
import { open } from "../crypto/vault";
import { db } from "../db/client";
import type { TCircuitStore } from "../failover";
import { chat } from "../providers/chat";
import { classifyError } from "../providers/provider-error";
import type { TOutcomeClass, TVendor } from "../providers/types";
import { circuitKeyOf } from "./circuit-key";
import { HEALTH_EVENTS } from "./turn-events";

export const PROBE_TIMEOUT_MS = 10_000;

type TProbeCredential = { id: string; orgId: string; vendor: TVendor; baseUrl: string | null; keyCipher: string };

// Who the events are about and who asked: the prober (no actor) or a person.
type TProbeSource = { label: string; agentId: string | null; actorId?: string | null; by: "prober" | "manual" };

type TProbeResult = { outcome: TOutcomeClass; status?: number; latencyMs: number; recovered: boolean };

export async function probeCredential({
  store,
  credential,
  model,
  source,
}: {
  store: TCircuitStore;
  credential: TProbeCredential;
  model: string;
  source: TProbeSource;
}): Promise<TProbeResult> {
  const key = circuitKeyOf({ credentialId: credential.id, model });
  const started = performance.now();
  let result: Omit<TProbeResult, "recovered">;
  let events;
  try {
    const apiKey = await open(keyring(), { orgId: credential.orgId, credentialId: credential.id }, credential.keyCipher);
    const answer = await chat({
      vendor: credential.vendor,
      apiKey,
      baseUrl: credential.baseUrl,
      model,
      messages: [{ role: "user", content: "ping" }],
      timeoutMs: PROBE_TIMEOUT_MS,
    });
    result = { outcome: "ok", latencyMs: answer.latencyMs };
    events = await store.recordSuccess(key, Date.now());
  } catch (error) {
    const failure = classifyError(error);
    result = { outcome: failure.outcome, status: failure.status, latencyMs: Math.ceil(performance.now() - started) };
    events = await store.recordFailure({ key, outcome: failure.outcome, status: failure.status, now: Date.now() });
  }
  for (const event of events) {
    const kind = HEALTH_EVENTS[event.type];
    if (!kind) continue;
    await recordEvent(db, {
      orgId: credential.orgId,
      agentId: source.agentId,
      actorId: source.actorId,
      ...kind,
      credentialIds: [credential.id],
      data: { provider: source.label, circuitKey: key, by: source.by, cause: event.cause ?? null },
    });
  }
  return { ...result, recovered: events.some((e) => e.type === "recovered") };
}
