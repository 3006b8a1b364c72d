import type { Metadata } from "next";
import Link from "next/link";

import { SignInForm } from "@/components/auth/sign-in-form";
import { ZNextPath } from "@/lib/auth/schemas";

import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in · Understudy" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = ZNextPath.parse((await searchParams).next);
  return (
    <>
      <h1 className="text-lg font-semibold">Sign in to Understudy</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600">
        New here?{" "}
        <Link href={next.startsWith("/invite/") ? next : "/sign-up"} className="font-medium text-brand-600 hover:underline">
          Create an account
        </Link>
      </p>
      <SignInForm action={signInAction} next={next === "/" ? undefined : next} />
    </>
  );
}
