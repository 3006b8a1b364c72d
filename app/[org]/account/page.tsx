import type { Metadata } from "next";

import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Card, PageHeader } from "@/components/ui/feedback";
import { requireUser } from "@/lib/auth/session";

import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Account · Understudy" };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="Account" description={`Signed in as ${user.email}.`} />
      <Card className="p-4 sm:p-5">
        <h2 className="mb-3 text-sm font-semibold text-zinc-900">Change password</h2>
        <ChangePasswordForm action={changePasswordAction} />
      </Card>
    </>
  );
}
