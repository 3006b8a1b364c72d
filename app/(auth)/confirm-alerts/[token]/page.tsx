import type { Metadata } from "next";

import { ActionButton } from "@/components/ui/action-button";
import { readRecipientLink, RECIPIENT_LINK_EXPIRED, RECIPIENT_LINK_GONE } from "@/lib/alerts/confirm-recipient";
import { ZLinkToken } from "@/lib/auth/link-token";

import { confirmRecipientAction } from "../actions";

export const metadata: Metadata = { title: "Confirm alerts · Understudy", referrer: "no-referrer" };

function Message({ title, text }: { title: string; text: string }) {
  return (
    <>
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-zinc-600">{text}</p>
    </>
  );
}

// A button, not a confirmation on opening: mail scanners open links too.
export default async function ConfirmAlertsPage({ params }: { params: Promise<{ token: string }> }) {
  const token = ZLinkToken.safeParse((await params).token);
  const link = token.success ? await readRecipientLink(token.data) : null;
  if (!token.success || !link) return <Message title="This link is not valid" text={RECIPIENT_LINK_GONE} />;
  if (link.state === "expired") return <Message title="This link has expired" text={RECIPIENT_LINK_EXPIRED} />;
  const about = `${link.email} receives the alerts of "${link.channelName}", an alert channel of ${link.orgName}.`;
  if (link.state === "confirmed") return <Message title="Alerts confirmed" text={`${about} You can close this page.`} />;
  return (
    <>
      <h1 className="text-lg font-semibold">Receive alerts from {link.orgName}?</h1>
      <p className="mt-2 mb-6 text-sm text-zinc-600">
        <span className="font-medium text-zinc-900">{link.email}</span> was added to &ldquo;{link.channelName}&rdquo;, an alert channel of {link.orgName} on
        Understudy. Nothing is sent to it until you confirm. If you did not expect this, close this page.
      </p>
      <ActionButton action={confirmRecipientAction.bind(null, token.data)} label="Confirm alerts to this address" pendingLabel="Confirming…" />
    </>
  );
}
