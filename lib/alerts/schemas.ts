import { z } from "zod";

import { ALERT_RULES } from "./rules";

export const CHANNEL_KINDS = ["webhook", "slack", "email"] as const;
export type TChannelKind = (typeof CHANNEL_KINDS)[number];
export const MAX_EMAIL_RECIPIENTS = 10;

const ZName = z.string().trim().min(1, "Give the channel a name").max(80, "At most 80 characters");
const ZUrl = z.string().trim().min(1, "Enter the URL").max(2000, "At most 2000 characters");

// Addresses separated by commas, spaces or new lines; each once (a recipient
// is unique in its channel), in lower case as accounts' addresses are.
function addressesOf(text: string): string[] {
  const typed = text.toLowerCase().split(/[\s,;]+/);
  return [...new Set(typed.filter(Boolean))];
}
const ZEmails = z
  .string()
  .transform(addressesOf)
  .pipe(
    z
      .array(z.email("Each recipient must be an email address"))
      .min(1, "Enter at least one email address")
      .max(MAX_EMAIL_RECIPIENTS, `At most ${MAX_EMAIL_RECIPIENTS} recipients`),
  );

export const ZCreateChannel = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("webhook"), name: ZName, url: ZUrl }),
  z.object({ kind: z.literal("slack"), name: ZName, url: ZUrl }),
  z.object({ kind: z.literal("email"), name: ZName, emails: ZEmails }),
]);
export type TCreateChannel = z.infer<typeof ZCreateChannel>;

export const ZChannelRef = z.object({ channelId: z.string().min(1) });
export const ZRecipientRef = z.object({ recipientId: z.string().min(1) });

export const ZAlertSettings = z.object({
  enabledRules: z.array(z.enum(ALERT_RULES)),
  failoverRatePercent: z.coerce
    .number({ error: "Enter a whole number of percent" })
    .int("Enter a whole number of percent")
    .min(1, "At least 1 %")
    .max(100, "At most 100 %"),
});
export type TAlertSettings = z.infer<typeof ZAlertSettings>;
