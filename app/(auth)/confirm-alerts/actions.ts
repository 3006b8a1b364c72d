"use server";
import { redirect } from "next/navigation";

import { confirmRecipient } from "@/lib/alerts/confirm-recipient";
import { type TActionResult, toActionError } from "@/lib/auth/action-result";
import { ZLinkToken } from "@/lib/auth/link-token";

// No session: whoever holds the emailed link may confirm its address. The
// page then shows the link as confirmed.
export async function confirmRecipientAction(token: string): Promise<TActionResult> {
  const parsed = ZLinkToken.safeParse(token);
  if (!parsed.success) return { ok: false, error: "This link is not valid." };
  try {
    await confirmRecipient(parsed.data);
  } catch (error) {
    return toActionError(error, { action: "confirm-alert-recipient" });
  }
  redirect(`/confirm-alerts/${parsed.data}`);
}
