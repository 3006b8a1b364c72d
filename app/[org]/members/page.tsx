import type { Metadata } from "next";

import { InvitationRow } from "@/components/members/invitation-row";
import { InviteForm } from "@/components/members/invite-form";
import { MemberRow } from "@/components/members/member-row";
import { Card, PageHeader } from "@/components/ui/feedback";
import { can, mayGrant, ROLES } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";
import { mailEnabled } from "@/lib/mail/send-mail";
import { listInvitations } from "@/lib/orgs/invitations";
import { listMembers } from "@/lib/orgs/members";

import { changeRoleAction, inviteAction, removeMemberAction, resendInvitationAction, revokeInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Members · Understudy" };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireMembership((await params).org);
  const [members, invitations] = await Promise.all([listMembers({ orgId: ctx.orgId }), listInvitations({ orgId: ctx.orgId })]);
  const manage = can(ctx.role, "member:manage");
  const invite = can(ctx.role, "member:invite");
  const ref = { orgSlug: ctx.orgSlug };
  return (
    <>
      <PageHeader title="Members" description={`People with access to ${ctx.orgName}.`} />
      {invite ? (
        <Card className="mb-6 p-4 sm:p-5">
          <h2 className="text-sm font-semibold text-zinc-900">Invite someone</h2>
          <p className="mb-3 text-sm text-zinc-600">They join with the role you choose once they accept, signed in with this email address.</p>
          <InviteForm action={inviteAction.bind(null, ref)} roles={ROLES.filter((role) => mayGrant(ctx.role, role))} />
        </Card>
      ) : null}
      {invitations.length > 0 ? (
        <section className="mb-6" aria-labelledby="pending-invitations">
          <h2 id="pending-invitations" className="mb-2 text-sm font-semibold text-zinc-900">
            Pending invitations
          </h2>
          <Card>
            <ul className="divide-y divide-zinc-100" aria-label="Pending invitations">
              {invitations.map((i) => {
                const handles = invite && mayGrant(ctx.role, i.role);
                return (
                  <InvitationRow
                    key={i.id}
                    invitation={{ email: i.email, role: i.role, expiresAt: i.expiresAt, inviterName: i.invitedBy?.name ?? null, delivery: i.delivery }}
                    revoke={handles ? revokeInvitationAction.bind(null, ref, i.id) : null}
                    resend={handles && mailEnabled() ? resendInvitationAction.bind(null, ref, i.id) : null}
                  />
                );
              })}
            </ul>
          </Card>
        </section>
      ) : null}
      <Card>
        <ul className="divide-y divide-zinc-100" aria-label="Members">
          {members.map((m) => (
            <MemberRow
              key={m.id}
              member={{ id: m.id, name: m.user.name, email: m.user.email, role: m.role, isYou: m.user.id === ctx.userId }}
              manage={manage}
              changeRole={changeRoleAction.bind(null, ref, m.id)}
              remove={removeMemberAction.bind(null, ref, m.id)}
            />
          ))}
        </ul>
      </Card>
    </>
  );
}
