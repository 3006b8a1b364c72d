import { randomUUID } from "node:crypto";
import { db } from "../db/client";
import { AppError, notFound } from "../errors";
import { isUniqueViolation } from "../db/errors";
import type { TCreateCredential, TUpdateCredential } from "./schemas";
import { sealKey } from "./store-key";
import { checkBaseUrl } from "./check-base-url";

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

export async function updateCredential({ orgId, input }: { orgId: string; input: TUpdateCredential }) {
  await checkBaseUrl(input.baseUrl);
  try {
    const { count } = await db.credential.updateMany({
      where: saved(orgId, input.credentialId),
      data: { name: input.name, defaultModel: input.defaultModel, baseUrl: input.baseUrl },
    });
    if (count === 0) throw notFound("Provider not found");
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
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
