// The background prober: an open circuit whose cooldown has passed gets one
// real call, so a recovered provider takes traffic back without waiting for
// a user's turn to be its probe.
import { db } from "../db/client";
import { keyring } from "../crypto/keyring";
import { open } from "../crypto/vault";
import { chat } from "../providers/chat";
import { canPass, type TCircuitStore } from "../failover";
import { recordEvent } from "../activity/record-event";
import { classifyError } from "./process-turn";
import { parseCircuitKey } from "./runtime-links";
import { credentialLabel } from "../agents/describe-link";

const PROBE_TIMEOUT_MS = 10_000;

export async function probeCircuit({ store, key, now = Date.now() }: { store: TCircuitStore; key: string; now?: number }) {
  const { credentialId, model } = parseCircuitKey(key);
  const credential = await db.credential.findUnique({ where: { id: credentialId }, select: { id: true, orgId: true, vendor: true, baseUrl: true, keyCipher: true, name: true, agentId: true, keyHint: true } });
  if (!credential) return store.reset(key).then(() => "forgotten" as const);
  if (!(await store.acquireProbe(key, now))) return "busy" as const;
  let events;
  try {
    const apiKey = await open(keyring(), { orgId: credential.orgId, credentialId: credential.id }, credential.keyCipher);
    await chat({ vendor: credential.vendor, apiKey, baseUrl: credential.baseUrl, model, messages: [{ role: "user", content: "ping" }], timeoutMs: PROBE_TIMEOUT_MS });
    events = await store.recordSuccess(key, Date.now());
  } catch (error) {
    const failure = classifyError(error);
    events = await store.recordFailure({ key, outcome: failure.outcome, status: failure.status, now: Date.now() });
  }
  const label = credentialLabel(credential);
  for (const event of events) {
    if (event.type !== "recovered") continue;
    await recordEvent(db, { orgId: credential.orgId, agentId: credential.agentId, type: "provider_recovered", credentialIds: [credential.id], data: { provider: label, circuitKey: key, by: "prober" } });
  }
  return events.some((e) => e.type === "recovered") ? ("recovered" as const) : ("still_failing" as const);
}

export async function probeOpenCircuits({ store, now = Date.now() }: { store: TCircuitStore; now?: number }) {
  const due = (await store.listOpen()).filter((c) => canPass(c.state, now));
  const results = await Promise.all(due.map((c) => probeCircuit({ store, key: c.key, now })));
  return { probed: due.length, recovered: results.filter((r) => r === "recovered").length };
}
