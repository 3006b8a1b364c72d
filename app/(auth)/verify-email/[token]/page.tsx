import type { Metadata } from "next";

import { ActionButton } from "@/components/ui/action-button";

import { confirmEmailAction } from "../actions";

export const metadata: Metadata = { title: "Confirm your email · Understudy", referrer: "no-referrer" };

// A button, not a confirmation on opening: mail scanners open links too.
export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <>
      <h1 className="text-lg font-semibold">Confirm your email address</h1>
      <p className="mt-2 mb-6 text-sm text-zinc-600">One click and your account is ready.</p>
      <ActionButton action={confirmEmailAction.bind(null, token)} label="Confirm my email" pendingLabel="Confirming…" />
    </>
  );
}
