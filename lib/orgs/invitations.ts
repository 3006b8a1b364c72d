// Invitations: the only way into someone else's organization. An owner or
// admin invites an address with a role; a single-use link that expires in 7
// days goes to that address (invitation-delivery.ts), and only the person
// signed in with that address can accept it.
import { hashLinkToken, newLinkToken } from "../auth/link-token";
import { mayGrant, type TRole } from "../auth/permissions";
import { db, type Prisma } from "../db/client";
import { AppError, notFound } from "../errors";
import { mailEnabled } from "../mail/send-mail";
import { deliverInvitation, type TCreatedInvitation } from "./invitation-delivery";
import { lockOrganization } from "./members";

type TTx = Prisma.TransactionClient;

const INVITATION_DAYS = 7;
// An organization's open invitations, and the ones it may send in an hour:
// enough for a team, too few to use our mail server for spam.
const PENDING_INVITATIONS_MAX = 100;
export const INVITATIONS_PER_HOUR = 30;

export type TInvitationState = "pending" | "accepted" | "revoked" | "expired";

function stateOf(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): TInvitationState {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  return row.expiresAt <= now ? "expired" : "pending";
}

const pendingWhere = (now: Date) => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

// A new invitation for an address replaces its earlier pending one, so one
// link at a time is valid per address.
export async function createInvitation({
  orgId,
  invitedById,
  inviterRole,
  email,
  role,
}: {
  orgId: string;
  invitedById: string;
  inviterRole: TRole;
  email: string;
  role: TRole;
}): Promise<TCreatedInvitation> {
  if (!mayGrant(inviterRole, role))
    throw new AppError("FORBIDDEN", "Only an owner can invite an owner", { role: "Only an owner can invite someone as an owner." });
  const now = new Date();
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
  const org = await db.$transaction(async (tx) => {
    await lockOrganization(tx, orgId);
    const member = await tx.membership.count({ where: { orgId, user: { email } } });
    if (member) throw new AppError("CONFLICT", "Already a member", { email: "This person is already a member." });
    const sentLastHour = await tx.invitation.count({ where: { orgId, createdAt: { gt: new Date(now.getTime() - 60 * 60 * 1000) } } });
    if (sentLastHour >= INVITATIONS_PER_HOUR) {
      throw new AppError("RATE_LIMITED", `This organization has sent ${INVITATIONS_PER_HOUR} invitations in the last hour. Try again later.`);
    }
    await tx.invitation.updateMany({ where: { orgId, email, ...pendingWhere(now) }, data: { revokedAt: now } });
    const pending = await tx.invitation.count({ where: { orgId, ...pendingWhere(now) } });
    if (pending >= PENDING_INVITATIONS_MAX) {
      throw new AppError("CONFLICT", `This organization has ${PENDING_INVITATIONS_MAX} open invitations. Revoke some first.`);
    }
    const delivery = mailEnabled() ? "not_sent" : "link";
    await tx.invitation.create({ data: { orgId, email, role, tokenHash, invitedById, expiresAt, delivery } });
    return tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { name: true } });
  });
  return deliverInvitation({ orgId, invitedById, orgName: org.name, email, role, token, tokenHash, expiresAt });
}

// A new link for a pending invitation, in place of the old one: the way to
// try again when its email could not be sent, since the inviter never sees
// an emailed link. It counts as an invitation sent.
export async function resendInvitation({
  orgId,
  invitationId,
  invitedById,
  inviterRole,
}: {
  orgId: string;
  invitationId: string;
  invitedById: string;
  inviterRole: TRole;
}): Promise<TCreatedInvitation> {
  const pending = await db.invitation.findFirst({ where: { id: invitationId, orgId, ...pendingWhere(new Date()) }, select: { email: true, role: true } });
  if (!pending) throw notFound("This invitation was already used, revoked or has expired.");
  return createInvitation({ orgId, invitedById, inviterRole, email: pending.email, role: pending.role });
}

export async function listInvitations({ orgId }: { orgId: string }) {
  return db.invitation.findMany({
    where: { orgId, ...pendingWhere(new Date()) },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, delivery: true, invitedBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeInvitation({ orgId, invitationId, revokerRole }: { orgId: string; invitationId: string; revokerRole: TRole }) {
  const where = { id: invitationId, orgId, acceptedAt: null, revokedAt: null };
  const gone = () => notFound("This invitation was already used or revoked.");
  const invitation = await db.invitation.findFirst({ where, select: { role: true } });
  if (!invitation) throw gone();
  if (!mayGrant(revokerRole, invitation.role)) throw new AppError("FORBIDDEN", "Only an owner can revoke an invitation to become an owner.");
  const { count } = await db.invitation.updateMany({ where, data: { revokedAt: new Date() } });
  if (count === 0) throw gone();
}

// What the invitation page shows to whoever holds the link.
export async function readInvitation(token: string) {
  const row = await db.invitation.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: {
      email: true,
      role: true,
      acceptedAt: true,
      revokedAt: true,
      expiresAt: true,
      org: { select: { name: true, slug: true } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!row) return null;
  return {
    state: stateOf(row),
    email: row.email,
    role: row.role,
    expiresAt: row.expiresAt,
    orgName: row.org.name,
    inviterName: row.invitedBy?.name ?? null,
    accountExists: (await db.user.count({ where: { email: row.email } })) > 0,
  };
}

const REFUSED: Record<Exclude<TInvitationState, "pending">, string> = {
  accepted: "This invitation has already been used.",
  revoked: "This invitation was withdrawn. Ask for a new one.",
  expired: "This invitation has expired. Ask for a new one.",
};

// Locks the invitation row, so a link is used at most once however many
// tabs submit it at the same moment.
export async function takePendingInvitation(tx: TTx, token: string) {
  const tokenHash = hashLinkToken(token);
  await tx.$queryRaw`SELECT id FROM invitations WHERE token_hash = ${tokenHash} FOR UPDATE`;
  const row = await tx.invitation.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      orgId: true,
      email: true,
      role: true,
      acceptedAt: true,
      revokedAt: true,
      expiresAt: true,
      delivery: true,
      org: { select: { slug: true } },
    },
  });
  if (!row) throw notFound("This invitation link is not valid.");
  const state = stateOf(row);
  if (state !== "pending") throw new AppError("CONFLICT", REFUSED[state]);
  return row;
}

// Adds the invitee as a member and uses up the link. An existing member is
// refused without touching their role, so an old invitation can never
// demote anyone (the last owner included).
export async function joinFromInvitation(tx: TTx, invitation: { id: string; orgId: string; role: TRole }, userId: string) {
  const existing = await tx.membership.count({ where: { orgId: invitation.orgId, userId } });
  if (existing) throw new AppError("CONFLICT", "You are already a member of this organization.");
  await tx.membership.create({ data: { orgId: invitation.orgId, userId, role: invitation.role } });
  await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
}

export async function acceptInvitation({ token, userId }: { token: string; userId: string }): Promise<{ orgSlug: string }> {
  return db.$transaction(async (tx) => {
    const invitation = await takePendingInvitation(tx, token);
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, emailVerifiedAt: true } });
    if (user.email !== invitation.email) {
      throw new AppError("FORBIDDEN", `This invitation is for ${invitation.email}. Sign in with that address to accept it.`);
    }
    if (mailEnabled() && !user.emailVerifiedAt) {
      throw new AppError("FORBIDDEN", "Confirm your email address first: open the link we sent you, then accept again.");
    }
    await joinFromInvitation(tx, invitation, userId);
    return { orgSlug: invitation.org.slug };
  });
}
