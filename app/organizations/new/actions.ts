"use server";
import { redirect } from "next/navigation";
import { currentUserId } from "@/lib/auth/session";
import { fieldErrors, toActionError, type TActionResult } from "@/lib/auth/action-result";
import { ZOrganizationName } from "@/lib/orgs/schemas";
import { createOrganization } from "@/lib/orgs/create-organization";

export async function createOrganizationAction(_prev: TActionResult, form: FormData): Promise<TActionResult> {
  const userId = await currentUserId();
  if (!userId) redirect("/sign-in");
  const values = { name: String(form.get("name") ?? "") };
  const parsed = ZOrganizationName.safeParse(values);
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fields: fieldErrors(parsed.error), values };
  let slug: string;
  try {
    slug = (await createOrganization({ userId, name: parsed.data.name })).slug;
  } catch (error) {
    return { ...toActionError(error, { action: "create-organization" }), values };
  }
  redirect(`/${slug}`);
}
