"use server";
import { orgActions } from "@/app/_lib/define-action";
import { setRetention, ZRetention } from "@/lib/activity/retention";

export const setRetentionAction = orgActions.formAction({
  permission: "activity:manage",
  schema: ZRetention,
  fields: ["retentionDays"],
  revalidate: (ref) => `/${ref.orgSlug}/activity`,
  run: (ctx, input) => setRetention({ orgId: ctx.orgId, input }),
});
