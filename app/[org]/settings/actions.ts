"use server";
import { orgActions, type TOrgRef } from "@/app/_lib/define-action";
import { createChannel, deleteChannel } from "@/lib/alerts/channels";
import { sendTestAlert } from "@/lib/alerts/deliveries";
import { ZAlertSettings, ZChannelRef, ZCreateChannel } from "@/lib/alerts/schemas";
import { setAlertSettings } from "@/lib/alerts/settings";

const manage = { permission: "alerts:manage", revalidate: (ref: TOrgRef) => `/${ref.orgSlug}/settings` } as const;

// A channel's URL is a secret (a Slack URL is all it takes to post), so it is
// never echoed back; the signing secret is returned once, to be shown once.
export const createChannelAction = orgActions.formAction({
  ...manage,
  schema: ZCreateChannel,
  fields: ["kind", "name", "emails"],
  secrets: ["url"],
  run: async (ctx, input) => ({ name: input.name, secret: (await createChannel({ orgId: ctx.orgId, userId: ctx.userId, input })).secret }),
});

export const deleteChannelAction = orgActions.action({
  ...manage,
  schema: ZChannelRef,
  input: (channelId: string) => ({ channelId }),
  run: (ctx, input) => deleteChannel({ orgId: ctx.orgId, ...input }),
});

export const sendTestAlertAction = orgActions.action({
  ...manage,
  schema: ZChannelRef,
  input: (channelId: string) => ({ channelId }),
  run: async (ctx, input) => {
    await sendTestAlert({ orgId: ctx.orgId, ...input });
  },
});

export const saveAlertSettingsAction = orgActions.formAction({
  ...manage,
  schema: ZAlertSettings,
  fields: ["failoverRatePercent"],
  input: (text, form) => ({ ...text, enabledRules: form.getAll("enabledRules").map(String) }),
  run: (ctx, input) => setAlertSettings({ orgId: ctx.orgId, input }),
});
