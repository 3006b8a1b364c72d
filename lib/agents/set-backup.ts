import { randomUUID } from "node:crypto";

import { recordEvent } from "../activity/record-event";
import { checkBaseUrl } from "../credentials/check-base-url";
import { sealKey } from "../credentials/store-key";
import type { Prisma } from "../db/client";
import { AppError } from "../errors";
import { VENDOR_CATALOG } from "../providers/catalog";
import type { TAgentUserScope } from "./agent-scope";
import { editChain } from "./chain-tx";
import { findSavedProvider } from "./find-saved-provider";
import { destroyPastedKey } from "./pasted-keys";
import { sameProvider, type TProviderEndpoint } from "./same-provider";
import { linkTimeoutsMs, MAX_BACKUPS, type TSetBackup } from "./schemas";

type TTx = Prisma.TransactionClient;

const DIFFERENT_PROVIDER = "Backup must be a different provider than the primary";

function assertNotPrimary(backup: TProviderEndpoint, primary: TProviderEndpoint) {
  if (sameProvider(backup, primary)) throw new AppError("INVALID_INPUT", DIFFERENT_PROVIDER, { vendor: DIFFERENT_PROVIDER });
}

async function savedBackup(tx: TTx, ctx: TAgentUserScope, input: Extract<TSetBackup, { mode: "saved" }>, primary: TProviderEndpoint) {
  const credential = await findSavedProvider(tx, { orgId: ctx.orgId, credentialId: input.credentialId });
  if (credential.vendor !== input.vendor) {
    throw new AppError("INVALID_INPUT", "Provider does not match vendor", { credentialId: `Choose a saved ${VENDOR_CATALOG[input.vendor].label} provider.` });
  }
  assertNotPrimary(credential, primary);
  return { id: credential.id, label: credential.name };
}

// A key pasted for this agent only: sealed like a saved provider's, hidden
// from the Providers page, destroyed with the backup or the agent.
async function pastedBackup(tx: TTx, ctx: TAgentUserScope, input: Extract<TSetBackup, { mode: "api_key" }>, primary: TProviderEndpoint) {
  if (VENDOR_CATALOG[input.vendor].baseUrlRequired && !input.baseUrl) {
    throw new AppError("INVALID_INPUT", "Base URL required", { baseUrl: "An OpenAI-compatible provider needs its base URL" });
  }
  assertNotPrimary(input, primary);
  await checkBaseUrl(input.baseUrl);
  const id = randomUUID();
  const sealed = await sealKey({ orgId: ctx.orgId, credentialId: id, apiKey: input.apiKey });
  await tx.credential.create({
    data: {
      id,
      orgId: ctx.orgId,
      agentId: ctx.agentId,
      vendor: input.vendor,
      name: `agent-key-${id}`,
      defaultModel: input.model,
      baseUrl: input.baseUrl,
      createdById: ctx.userId,
      ...sealed,
    },
  });
  await recordEvent(tx, {
    orgId: ctx.orgId,
    agentId: ctx.agentId,
    type: "key_added",
    actorId: ctx.userId,
    credentialIds: [id],
    data: { vendor: input.vendor, hint: sealed.keyHint },
  });
  return { id, label: `API key ${sealed.keyHint}` };
}

// Sets the backup at `position`, or appends one ("Add another backup").
export async function setBackup(ctx: TAgentUserScope, input: TSetBackup) {
  return editChain(ctx, async (tx, links) => {
    const primary = links.find((l) => l.position === 0);
    if (!primary) throw new AppError("INVALID_INPUT", "Set a primary provider first");
    const backups = links.filter((l) => l.position > 0);
    const position = input.position ?? backups.length + 1;
    const replacing = backups.find((l) => l.position === position);
    if (!replacing && position !== backups.length + 1) throw new AppError("INVALID_INPUT", "Backups are added at the end of the chain");
    if (position > MAX_BACKUPS) throw new AppError("INVALID_INPUT", `An agent has at most ${MAX_BACKUPS} backups`);

    const credential = input.mode === "saved" ? await savedBackup(tx, ctx, input, primary.credential) : await pastedBackup(tx, ctx, input, primary.credential);
    const data = { credentialId: credential.id, model: input.model, ...linkTimeoutsMs(input) };
    if (replacing) {
      await tx.chainLink.update({ where: { id: replacing.id }, data });
      await destroyPastedKey(tx, { ...ctx, credentialId: replacing.credentialId });
    } else {
      await tx.chainLink.create({ data: { ...data, orgId: ctx.orgId, agentId: ctx.agentId, position } });
    }
    return { change: `Backup ${position} set to ${credential.label} (${input.model})`, result: { position } };
  });
}
