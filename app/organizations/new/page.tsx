import type { Metadata } from "next";
import Link from "next/link";

import { Logo } from "@/components/shell/logo";
import { NewOrganizationForm } from "@/components/shell/new-organization-form";
import { requireUser } from "@/lib/auth/session";

import { createOrganizationAction } from "./actions";

export const metadata: Metadata = { title: "New organization · Understudy" };

export default async function NewOrganizationPage() {
  await requireUser();
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <div className="mb-8">
        <Logo />
      </div>
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-lg font-semibold">New organization</h1>
        <p className="mt-1 mb-6 text-sm text-zinc-600">Agents, providers and members belong to one organization.</p>
        <NewOrganizationForm action={createOrganizationAction} />
        <Link href="/" className="mt-4 block text-center text-sm text-zinc-600 hover:underline">
          Cancel
        </Link>
      </div>
    </main>
  );
}
