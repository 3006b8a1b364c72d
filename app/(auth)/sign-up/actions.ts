"use server";
import { headers } from "next/headers";

import { userFormAction } from "@/app/_lib/define-action";
import { clientIp } from "@/lib/auth/client-ip";
import { signIn } from "@/lib/auth/next-auth";
import { ZSignUp } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";

export const signUpAction = userFormAction({
  action: "sign-up",
  session: "any",
  schema: ZSignUp,
  fields: ["name", "email"],
  secrets: ["password"],
  run: async (data) => signUp({ ...data, ip: clientIp(await headers()) }),
  then: (created, data) => signIn("credentials", { email: data.email, password: data.password, redirectTo: `/${created.orgSlug}` }),
});
