"use server";
import { orgActions, type TOrgRef } from "@/app/_lib/define-action";
import { createChannel, deleteChannel } from "@/lib/alerts/channels";
import { sendTestAlert } from "@/lib/alerts/deliveries";
import { resendRecipientLink } from "@/lib/alerts/recipients";
import { ZAlertSettings, ZChannelRef, ZCreateChannel, ZRecipientRef } from "@/lib/alerts/schemas";
import { setAlertSettings } from "@/lib/alerts/settings";

const manage = { permission: "alerts:manage", revalidate: (ref: TOrgRef) => `/${ref.orgSlug}/settings` } as const;

// A channel's URL is a secret (a Slack URL is all it takes to post), so it is
// never echoed back; the signing secret is returned once, to be shown once.
export const createChannelAction = orgActions.formAction({
  ...manage,
  schema: ZCreateChannel,
  fields: ["kind", "name", "emails"],
  secrets: ["url"],
  run: async (ctx, input) => {
    const { secret, unsent } = await createChannel({ orgId: ctx.orgId, userId: ctx.userId, input });
    return { name: input.name, kind: input.kind, secret, unsent };
  },
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

// A new confirmation link for an address of an email channel that has not confirmed yet.
export const resendRecipientLinkAction = orgActions.action({
  ...manage,
  schema: ZRecipientRef,
  input: (recipientId: string) => ({ recipientId }),
  run: (ctx, input) => resendRecipientLink({ orgId: ctx.orgId, userId: ctx.userId, ...input }),
});

export const saveAlertSettingsAction = orgActions.formAction({
  ...manage,
  schema: ZAlertSettings,
  fields: ["failoverRatePercent"],
  input: (text, form) => ({ ...text, enabledRules: form.getAll("enabledRules").map(String) }),
  run: (ctx, input) => setAlertSettings({ orgId: ctx.orgId, input }),
});
