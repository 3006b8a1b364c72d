// Alert channels: where an organization's alerts go. A URL is checked against
// the private-address rule before it is saved, then sealed with the vault;
// only its hint is kept in clear. A webhook's signing secret is made here,
// returned once to be shown, and sealed.
import { randomBytes, randomUUID } from "node:crypto";

import { keyHint } from "../crypto/key-hint";
import { keyring } from "../crypto/keyring";
import { openChannelValue, sealChannelValue } from "../crypto/vault";
import { db, type Prisma } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { env } from "../env";
import { AppError, notFound } from "../errors";
import { mailEnabled } from "../mail/send-mail";
import { assertSafeBaseUrl, type TUrlSubject } from "../providers/base-url-guard";
import { addRecipientsTx, sendRecipientLinks, type TRecipientLink } from "./recipients";
import type { TCreateChannel } from "./schemas";

export const CHANNEL_URL: TUrlSubject = {
  name: "Channel URL",
  privateAdvice: "alerts may only go to a public address.",
  credentialsAdvice: "use the URL your service gave you, without a user name or password.",
};

async function checkChannelUrl(raw: string): Promise<URL> {
  try {
    return await assertSafeBaseUrl(raw, { allowPrivate: env().ALLOW_PRIVATE_PROVIDER_URLS, subject: CHANNEL_URL });
  } catch (error) {
    const message = error instanceof Error ? error.message : "This URL cannot be used";
    throw new AppError("INVALID_INPUT", message, { url: message });
  }
}

// The host and the URL's last characters: enough to tell two channels apart,
// not enough to post to one (a Slack URL's path is its secret).
const urlHint = (url: URL) => `${url.origin}/${keyHint(url.href)}`;

async function sealedTarget({ orgId, channelId, input }: { orgId: string; channelId: string; input: TCreateChannel }) {
  const ring = keyring();
  if (input.kind === "email") return { target: { keyVersion: ring.current.version }, secret: null };
  const url = await checkChannelUrl(input.url);
  const sealedUrl = await sealChannelValue(ring, { orgId, channelId, field: "url" }, url.href);
  const base = { urlCipher: sealedUrl.sealed, urlHint: urlHint(url), keyVersion: sealedUrl.version };
  if (input.kind === "slack") return { target: base, secret: null };
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const sealedSecret = await sealChannelValue(ring, { orgId, channelId, field: "secret" }, secret);
  return { target: { ...base, secretCipher: sealedSecret.sealed }, secret };
}

// The organization's row stays locked until the channel is in, so two
// additions at once cannot both take the last place. NO KEY UPDATE leaves
// rows that reference the organization free to be written meanwhile.
async function assertRoomForChannel(tx: Prisma.TransactionClient, orgId: string) {
  await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${orgId} FOR NO KEY UPDATE`;
  const most = env().ALERT_CHANNELS_PER_ORG;
  const count = await tx.alertChannel.count({ where: { orgId } });
  if (count < most) return;
  throw new AppError(
    "CONFLICT",
    `This organization already has ${count} alert channels, the most it may have. Delete one it no longer needs, then add this one.`,
  );
}

// Returns the webhook's signing secret, the only time it is ever read back,
// and the recipients of an email channel whose link could not be emailed.
export async function createChannel({ orgId, userId, input }: { orgId: string; userId: string; input: TCreateChannel }) {
  if (input.kind === "email" && !mailEnabled()) throw new AppError("INVALID_INPUT", "Email alerts need SMTP_URL to be set on the server.");
  const id = randomUUID();
  const { target, secret } = await sealedTarget({ orgId, channelId: id, input });
  let links: TRecipientLink[];
  try {
    links = await db.$transaction(async (tx) => {
      await assertRoomForChannel(tx, orgId);
      await tx.alertChannel.create({ data: { id, orgId, kind: input.kind, name: input.name, createdById: userId, ...target } });
      return input.kind === "email" ? addRecipientsTx(tx, { orgId, channelId: id, emails: input.emails }) : [];
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "Name already used", { name: "Another alert channel already has this name." });
    throw error;
  }
  const unsent = links.length ? await sendRecipientLinks({ orgId, channelId: id, senderId: userId, links }) : [];
  return { id, secret, unsent };
}

export async function deleteChannel({ orgId, channelId }: { orgId: string; channelId: string }) {
  const { count } = await db.alertChannel.deleteMany({ where: { id: channelId, orgId } });
  if (count === 0) throw notFound("Alert channel not found");
}

export async function listChannels({ orgId }: { orgId: string }) {
  return db.alertChannel.findMany({
    where: { orgId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      kind: true,
      name: true,
      urlHint: true,
      createdAt: true,
      createdBy: { select: { name: true } },
      recipients: { orderBy: { email: "asc" }, select: { id: true, email: true, confirmedAt: true } },
    },
  });
}

type TSealedChannel = { id: string; orgId: string; urlCipher: string | null; secretCipher: string | null };

// Only the delivery worker opens a channel, in memory, to send one message.
export async function openChannelTarget(channel: TSealedChannel) {
  const ring = keyring();
  const context = { orgId: channel.orgId, channelId: channel.id };
  const url = channel.urlCipher ? await openChannelValue(ring, { ...context, field: "url" }, channel.urlCipher) : null;
  const secret = channel.secretCipher ? await openChannelValue(ring, { ...context, field: "secret" }, channel.secretCipher) : null;
  return { url, secret };
}
