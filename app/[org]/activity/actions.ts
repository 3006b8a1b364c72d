"use server";
import { revalidatePath } from "next/cache";
import { currentUserId } from "@/lib/auth/session";
import { runOrgAction } from "@/lib/auth/org-action";
import type { TActionResult } from "@/lib/auth/action-result";
import { setRetention, ZRetention } from "@/lib/activity/retention";

export async function setRetentionAction(orgSlug: string, _prev: TActionResult, form: FormData): Promise<TActionResult> {
  const values = { retentionDays: String(form.get("retentionDays") ?? "") };
  const result = await runOrgAction({
    userId: await currentUserId(),
    orgSlug,
    permission: "activity:manage",
    schema: ZRetention,
    input: values,
    run: (ctx, input) => setRetention({ orgId: ctx.orgId, input }),
  });
  if (!result.ok) return { ...result, values };
  revalidatePath(`/${orgSlug}/activity`);
  return result;
}
