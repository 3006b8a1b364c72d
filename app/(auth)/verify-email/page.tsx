import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { ResendVerification } from "@/components/auth/resend-verification";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { needsEmailVerification } from "@/lib/auth/email-verification";
import { currentUser } from "@/lib/auth/session";

import { resendVerificationAction } from "./actions";

export const metadata: Metadata = { title: "Confirm your email · Understudy" };

export default async function VerifyEmailPage() {
  const user = await currentUser({ allowUnverified: true });
  if (!user) redirect("/sign-in");
  if (!needsEmailVerification(user)) redirect("/");
  return (
    <>
      <h1 className="text-lg font-semibold">Confirm your email address</h1>
      <p className="mt-2 text-sm text-zinc-600">
        We sent a link to <span className="font-medium text-zinc-900">{user.email}</span>. Open it to finish setting up your account; it expires in 24 hours.
      </p>
      <div className="mt-6 flex flex-wrap items-start justify-between gap-3">
        <ResendVerification resend={resendVerificationAction} />
        <SignOutButton />
      </div>
    </>
  );
}
