import type { Metadata } from "next";
import Link from "next/link";

import { SignUpForm } from "@/components/auth/sign-up-form";

import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Create an account · Understudy" };

export default function SignUpPage() {
  return (
    <>
      <h1 className="text-lg font-semibold">Create your Understudy account</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600">
        Already have one?{" "}
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
      <SignUpForm action={signUpAction} />
    </>
  );
}
