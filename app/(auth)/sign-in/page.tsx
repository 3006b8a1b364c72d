import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in · Understudy" };

export default function SignInPage() {
  return (
    <>
      <h1 className="text-lg font-semibold">Sign in to Understudy</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600">
        New here?{" "}
        <Link href="/sign-up" className="font-medium text-brand-600 hover:underline">
          Create an account
        </Link>
      </p>
      <SignInForm action={signInAction} />
    </>
  );
}
