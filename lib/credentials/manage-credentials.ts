import { randomUUID } from "node:crypto";

import { recordEvent } from "../activity/record-event";
import { db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { AppError, notFound } from "../errors";
import { checkBaseUrl } from "./check-base-url";
import type { TCreateCredential, TUpdateCredential } from "./schemas";
import { sealKey } from "./store-key";

const duplicateName = () => new AppError("CONFLICT", "Name already used", { name: "Another saved provider already has this name." });

// Saved providers are organization-wide credentials: agentId is null.
const saved = (orgId: string, credentialId: string) => ({ id: credentialId, orgId, agentId: null });

export async function createCredential({ orgId, userId, input }: { orgId: string; userId: string; input: TCreateCredential }) {
  await checkBaseUrl(input.baseUrl);
  const id = randomUUID();
  const sealed = await sealKey({ orgId, credentialId: id, apiKey: input.apiKey });
  try {
    return await db.credential.create({
      data: { id, orgId, vendor: input.vendor, name: input.name, defaultModel: input.defaultModel, baseUrl: input.baseUrl, createdById: userId, ...sealed },
      select: { id: true, keyHint: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
}

// The saved key only ever goes to the base URL it was saved with: an admin
// who points a provider at another host enters the key again, so an admin
// who never had the key cannot send it to a server of theirs.
const keyRequired = () =>
  new AppError("INVALID_INPUT", "Enter the API key again to use a new base URL", {
    apiKey: "The saved key is only sent to the base URL it was saved with. Enter the key again to use the new one.",
  });

export async function updateCredential({ orgId, userId, input }: { orgId: string; userId: string; input: TUpdateCredential }) {
  await checkBaseUrl(input.baseUrl);
  try {
    if (input.apiKey) return await updateWithKey({ orgId, userId, input, apiKey: input.apiKey });
    await updateKeepingKey({ orgId, input });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
}

// Matches only while the base URL stays what it was, in the same statement,
// so a change made meanwhile cannot carry the key along.
async function updateKeepingKey({ orgId, input }: { orgId: string; input: TUpdateCredential }) {
  const { count } = await db.credential.updateMany({
    where: { ...saved(orgId, input.credentialId), baseUrl: input.baseUrl },
    data: { name: input.name, defaultModel: input.defaultModel },
  });
  if (count > 0) return;
  if (await db.credential.count({ where: saved(orgId, input.credentialId) })) throw keyRequired();
  throw notFound("Provider not found");
}

async function updateWithKey({ orgId, userId, input, apiKey }: { orgId: string; userId: string; input: TUpdateCredential; apiKey: string }) {
  const sealed = await sealKey({ orgId, credentialId: input.credentialId, apiKey });
  await db.$transaction(async (tx) => {
    const before = await tx.credential.findFirst({ where: saved(orgId, input.credentialId), select: { baseUrl: true } });
    if (!before) throw notFound("Provider not found");
    await tx.credential.updateMany({
      where: saved(orgId, input.credentialId),
      data: { name: input.name, defaultModel: input.defaultModel, baseUrl: input.baseUrl, ...sealed },
    });
    if (before.baseUrl === input.baseUrl) return;
    await recordEvent(tx, {
      orgId,
      agentId: null,
      type: "provider_url_changed",
      actorId: userId,
      credentialIds: [input.credentialId],
      data: { provider: input.name, from: before.baseUrl, to: input.baseUrl, hint: sealed.keyHint },
    });
  });
}

export async function replaceCredentialKey({ orgId, credentialId, apiKey }: { orgId: string; credentialId: string; apiKey: string }) {
  const sealed = await sealKey({ orgId, credentialId, apiKey });
  const { count } = await db.credential.updateMany({ where: saved(orgId, credentialId), data: sealed });
  if (count === 0) throw notFound("Provider not found");
  return { keyHint: sealed.keyHint };
}

// Refused while any agent's chain uses it, naming those agents.
export async function deleteCredential({ orgId, credentialId }: { orgId: string; credentialId: string }) {
  return db.$transaction(async (tx) => {
    const links = await tx.chainLink.findMany({
      where: { orgId, credentialId },
      select: { agent: { select: { name: true } } },
      distinct: ["agentId"],
    });
    if (links.length) {
      const names = links.map((l) => l.agent.name).sort();
      throw new AppError("CONFLICT", `In use by ${names.join(", ")}. Change their provider chain before deleting it.`);
    }
    const { count } = await tx.credential.deleteMany({ where: saved(orgId, credentialId) });
    if (count === 0) throw notFound("Provider not found");
  });
}
