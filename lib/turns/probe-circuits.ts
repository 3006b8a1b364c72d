// The background prober: an open circuit whose cooldown has passed gets one
// real call, so a recovered provider takes traffic back without waiting for
// a user's turn to be its probe.
import { credentialLabel } from "../agents/describe-link";
import { db } from "../db/client";
import { canPass, type TCircuitStore } from "../failover";
import { circuitSubjectOf } from "./circuit-key";
import { probeCredential } from "./probe-credential";

export async function probeCircuit({ store, key, now = Date.now() }: { store: TCircuitStore; key: string; now?: number }) {
  const { credentialId, model } = circuitSubjectOf(key);
  // The key comes from the store, not from a request: no tenant to scope by.
  const credential = await db.credential.findUnique({
    where: { id: credentialId },
    select: { id: true, orgId: true, vendor: true, baseUrl: true, keyCipher: true, name: true, agentId: true, keyHint: true },
  });
  if (!credential) return store.reset(key).then(() => "forgotten" as const);
  if (!(await store.acquireProbe(key, now))) return "busy" as const;
  const source = { label: credentialLabel(credential), agentId: credential.agentId, by: "prober" as const };
  const { recovered } = await probeCredential({ store, credential, model, source });
  return recovered ? ("recovered" as const) : ("still_failing" as const);
}

export async function probeOpenCircuits({ store, now = Date.now() }: { store: TCircuitStore; now?: number }) {
  const due = (await store.listOpen()).filter((c) => canPass(c.state, now));
  const results = await Promise.all(due.map((c) => probeCircuit({ store, key: c.key, now })));
  return { probed: due.length, recovered: results.filter((r) => r === "recovered").length };
}
