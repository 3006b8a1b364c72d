import { db } from "../db/client";
import { notFound } from "../errors";
import { chat } from "../providers/chat";
import { describeOutcome } from "../providers/describe-outcome";
import { ProviderError } from "../providers/provider-error";
import { checkBaseUrl } from "./check-base-url";
import { openKey } from "./store-key";

const TEST_TIMEOUT_MS = 10_000;

export type TTestResult = { ok: true; latencyMs: number; message: string } | { ok: false; message: string };

// The smallest real call: the key is opened in memory for it and dropped.
export async function testCredential({ orgId, credentialId }: { orgId: string; credentialId: string }): Promise<TTestResult> {
  const credential = await db.credential.findFirst({
    where: { id: credentialId, orgId },
    select: { id: true, vendor: true, baseUrl: true, defaultModel: true, keyCipher: true },
  });
  if (!credential) throw notFound("Provider not found");
  await checkBaseUrl(credential.baseUrl);
  const apiKey = await openKey({ orgId, credentialId: credential.id, keyCipher: credential.keyCipher });
  try {
    const result = await chat({
      vendor: credential.vendor,
      apiKey,
      baseUrl: credential.baseUrl,
      model: credential.defaultModel,
      messages: [{ role: "user", content: "ping" }],
      timeoutMs: TEST_TIMEOUT_MS,
    });
    return { ok: true, latencyMs: result.latencyMs, message: `OK, ${result.latencyMs} ms` };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { ok: false, message: describeOutcome(error.outcome, error.status, TEST_TIMEOUT_MS) };
  }
}
