import type { Metadata } from "next";

import { SignOutButton } from "@/components/auth/sign-out-button";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { ActionButton } from "@/components/ui/action-button";
import { ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/feedback";
import { ZLinkToken } from "@/lib/auth/link-token";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { readInvitation, type TInvitationState } from "@/lib/orgs/invitations";

import { acceptInvitationAction, signUpFromInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Invitation · Understudy", referrer: "no-referrer" };

const ENDED: Record<Exclude<TInvitationState, "pending">, { title: string; text: string }> = {
  accepted: { title: "This invitation has been used", text: "Each link works once. If that was not you, ask the person who invited you for a new one." },
  revoked: { title: "This invitation was withdrawn", text: "Ask the person who invited you for a new one." },
  expired: { title: "This invitation has expired", text: "Invitations last 7 days. Ask the person who invited you for a new one." },
};

function Ended({ title, text }: { title: string; text: string }) {
  return (
    <>
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-zinc-600">{text}</p>
      <ButtonLink href="/" variant="secondary" className="mt-6">
        Go to Understudy
      </ButtonLink>
    </>
  );
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const token = ZLinkToken.safeParse((await params).token);
  const invitation = token.success ? await readInvitation(token.data) : null;
  if (!token.success || !invitation) {
    return <Ended title="This invitation link is not valid" text="Check that you opened the whole link, or ask for a new one." />;
  }
  if (invitation.state !== "pending") return <Ended {...ENDED[invitation.state]} />;

  const user = await currentUser({ allowUnverified: true });
  const here = `/invite/${token.data}`;
  return (
    <>
      <h1 className="text-lg font-semibold">Join {invitation.orgName}</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600">
        {invitation.inviterName ?? "An owner"} invited <span className="font-medium text-zinc-900">{invitation.email}</span> to join as{" "}
        {ROLE_LABELS[invitation.role]}.
      </p>
      {user && user.email === invitation.email ? (
        <ActionButton action={acceptInvitationAction.bind(null, token.data)} label="Accept invitation" pendingLabel="Joining…" />
      ) : user ? (
        <div className="space-y-4">
          <Notice tone="warning">
            You are signed in as {user.email}. Sign out, then sign in as {invitation.email} to accept.
          </Notice>
          <SignOutButton redirectTo={here} label="Sign out and continue" />
        </div>
      ) : invitation.accountExists ? (
        <ButtonLink href={`/sign-in?next=${encodeURIComponent(here)}`} className="w-full">
          Sign in to accept
        </ButtonLink>
      ) : (
        <SignUpForm invitation={{ email: invitation.email, token: token.data }} action={signUpFromInvitationAction} />
      )}
    </>
  );
}
