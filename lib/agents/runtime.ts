import { z } from "zod";

import { keyring } from "../crypto/keyring";
import { open } from "../crypto/vault";
import type { Prisma } from "../db/client";
import { AppError } from "../errors";
import { ZVendor } from "../providers/types";
import type { TAgentScope } from "./agent-scope";
import { LINK_SELECT, summarizeLink } from "./describe-link";
import { ANSWER_BREAK_POLICIES, DEFAULT_STALL_TIMEOUT_SECONDS, DEFAULT_TURN_BUDGET_MINUTES } from "./schemas";

const DEFAULT_STALL_TIMEOUT_MS = DEFAULT_STALL_TIMEOUT_SECONDS * 1000;
export const DEFAULT_TURN_BUDGET_MS = DEFAULT_TURN_BUDGET_MINUTES * 60_000;

// Runtimes frozen before answers streamed have one whole-call `timeoutMs` per
// link and no stall timeout: that timeout becomes the first token timeout.
function fromLegacyLink(value: unknown): unknown {
  if (typeof value !== "object" || value === null || !("timeoutMs" in value) || "firstTokenTimeoutMs" in value) return value;
  const { timeoutMs, ...rest } = value;
  return { ...rest, firstTokenTimeoutMs: timeoutMs };
}

// The chain a running agent answers with, frozen at its last (re)start. It
// names credentials by id; keys stay sealed in the credentials table.
const ZRuntimeLink = z.preprocess(
  fromLegacyLink,
  z.object({
    credentialId: z.string(),
    label: z.string(),
    vendor: ZVendor,
    model: z.string(),
    // Silence allowed before the first token, then between two tokens.
    firstTokenTimeoutMs: z.number().int().positive(),
    stallTimeoutMs: z.number().int().positive().default(DEFAULT_STALL_TIMEOUT_MS),
    baseUrl: z.string().nullable(),
  }),
);
export const ZRuntime = z.object({
  version: z.number().int(),
  builtAt: z.string(),
  links: z.array(ZRuntimeLink).min(1),
  // The longest one turn may take across every link, streaming included.
  turnBudgetMs: z.number().int().positive().default(DEFAULT_TURN_BUDGET_MS),
  onBreak: z.enum(ANSWER_BREAK_POLICIES).default("continue_on_backup"),
});
export type TRuntime = z.infer<typeof ZRuntime>;
export type TRuntimeLink = TRuntime["links"][number];

export function parseRuntime(value: unknown): TRuntime | null {
  const parsed = ZRuntime.safeParse(value);
  return parsed.success ? parsed.data : null;
}

// How the dashboard names a link by its place in the chain.
export const linkName = (position: number) => (position === 0 ? "Primary" : `Backup ${position}`);

// Opens every link's key to prove the chain can run; the keys are dropped at once.
export async function buildRuntime(tx: Prisma.TransactionClient, { orgId, agentId, version }: TAgentScope & { version: number }): Promise<TRuntime> {
  const agent = await tx.agent.findUniqueOrThrow({ where: { id: agentId, orgId }, select: { turnBudgetMs: true, onBreak: true } });
  const links = await tx.chainLink.findMany({
    where: { orgId, agentId },
    orderBy: { position: "asc" },
    select: { ...LINK_SELECT, credential: { select: { ...LINK_SELECT.credential.select, keyCipher: true } } },
  });
  if (!links.some((l) => l.position === 0)) throw new AppError("INVALID_INPUT", "No primary provider is set");
  for (const link of links) {
    try {
      await open(keyring(), { orgId, credentialId: link.credentialId }, link.credential.keyCipher);
    } catch {
      const { label } = summarizeLink(link);
      throw new AppError(
        "INVALID_INPUT",
        `${linkName(link.position)} (${label}): its key cannot be opened with the configured master key. Replace the key, then restart.`,
      );
    }
  }
  return {
    version,
    builtAt: new Date().toISOString(),
    links: links.map((link) => ({
      credentialId: link.credentialId,
      label: summarizeLink(link).label,
      vendor: link.credential.vendor,
      model: link.model,
      firstTokenTimeoutMs: link.firstTokenTimeoutMs,
      stallTimeoutMs: link.stallTimeoutMs,
      baseUrl: link.credential.baseUrl,
    })),
    turnBudgetMs: agent.turnBudgetMs,
    onBreak: agent.onBreak,
  };
}
