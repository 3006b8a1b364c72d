import type { Metadata } from "next";
import { PageHeader, Card } from "@/components/ui/feedback";
import { AddMemberForm } from "@/components/members/add-member-form";
import { MemberRow } from "@/components/members/member-row";
import { requireMembership } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listMembers } from "@/lib/orgs/members";
import { addMemberAction, changeRoleAction, removeMemberAction } from "./actions";

export const metadata: Metadata = { title: "Members · Understudy" };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireMembership((await params).org);
  const members = await listMembers({ orgId: ctx.orgId });
  const manage = can(ctx.role, "member:manage");
  return (
    <>
      <PageHeader title="Members" description={`People with access to ${ctx.orgName}.`} />
      {manage ? (
        <Card className="mb-6 p-4 sm:p-5">
          <h2 className="mb-3 text-sm font-semibold text-zinc-900">Add a member</h2>
          <AddMemberForm action={addMemberAction.bind(null, ctx.orgSlug)} />
        </Card>
      ) : null}
      <Card>
        <ul className="divide-y divide-zinc-100" aria-label="Members">
          {members.map((m) => (
            <MemberRow
              key={m.id}
              member={{ id: m.id, name: m.user.name, email: m.user.email, role: m.role, isYou: m.user.id === ctx.userId }}
              manage={manage}
              changeRole={changeRoleAction.bind(null, ctx.orgSlug, m.id)}
              remove={removeMemberAction.bind(null, ctx.orgSlug, m.id)}
            />
          ))}
        </ul>
      </Card>
    </>
  );
}
