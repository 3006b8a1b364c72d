// One attempt to hand one message to one channel. Webhooks and Slack go
// through the providers' fetch (lib/providers/provider-fetch.ts): the
// private-address rule is applied to the address each connection is opened
// to, and no redirect is followed. Email goes through the operator's SMTP server.
import { sendMail } from "../mail/send-mail";
import { REFUSED_ADDRESS, REFUSED_REDIRECT } from "../providers/error-map";
import { providerFetch } from "../providers/provider-fetch";
import { redactAddresses } from "../providers/redact-addresses";
import { emailOf, slackPayload, type TAlertMessage, webhookBody } from "./message";
import { SIGNATURE_HEADER, signatureHeader } from "./signature";

export const DELIVERY_TIMEOUT_MS = 10_000;

export type TSendResult = { ok: true; statusCode: number | null } | { ok: false; statusCode: number | null; error: string; permanent: boolean };

// A 4xx says the request will never be taken (a removed Slack hook answers
// 404 or 410); a timeout, a rate limit and a 5xx may pass later.
const isPermanent = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

const causes = (error: unknown): unknown[] => (error instanceof Error && error.cause ? [error, ...causes(error.cause)] : [error]);
const codeOf = (error: unknown) => (typeof error === "object" && error !== null && "code" in error ? (error as { code: unknown }).code : undefined);

// Why a send failed, in words a person can act on, without the URL or an
// address. A refusal by the address rule, or a redirect, would be the same
// on every retry.
function failureOf(error: unknown): Extract<TSendResult, { ok: false }> {
  const chain = causes(error);
  const fail = (text: string, permanent = false) => ({ ok: false as const, statusCode: null, error: text, permanent });
  if (chain.some((e) => codeOf(e) === REFUSED_ADDRESS))
    return fail("The channel's host resolves to a private or local address, which alerts may not reach.", true);
  if (chain.some((e) => codeOf(e) === REFUSED_REDIRECT))
    return fail("The receiver answered with a redirect; redirects are not followed. Use the final URL.", true);
  if (chain.some((e) => e instanceof Error && e.name === "TimeoutError")) return fail(`No answer within ${DELIVERY_TIMEOUT_MS / 1000} s.`);
  const deepest = chain.at(-1);
  return fail(redactAddresses(deepest instanceof Error ? `${deepest.message}${codeOf(deepest) ? ` (${String(codeOf(deepest))})` : ""}` : String(deepest)));
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<TSendResult> {
  try {
    const response = await providerFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Understudy-Alerts/1", ...headers },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    // Only the status counts: the answer's body is never read, so a large or
    // endless one costs nothing.
    await response.body?.cancel();
    if (response.ok) return { ok: true, statusCode: response.status };
    return { ok: false, statusCode: response.status, error: `The receiver answered ${response.status}.`, permanent: isPermanent(response.status) };
  } catch (error) {
    return failureOf(error);
  }
}

type TTarget = { kind: "webhook"; url: string; secret: string } | { kind: "slack"; url: string } | { kind: "email"; emails: string[] };

export async function sendToChannel({ target, message, now = new Date() }: { target: TTarget; message: TAlertMessage; now?: Date }): Promise<TSendResult> {
  if (target.kind === "slack") return post(target.url, JSON.stringify(slackPayload(message)));
  if (target.kind === "webhook") {
    const body = JSON.stringify(webhookBody(message));
    const timestamp = Math.floor(now.getTime() / 1000);
    return post(target.url, body, {
      [SIGNATURE_HEADER]: signatureHeader({ secret: target.secret, timestamp, body }),
      "X-Understudy-Event": message.kind,
      "X-Understudy-Delivery": message.deliveryId,
    });
  }
  const mail = emailOf(message);
  const sent = await sendMail({ to: target.emails.join(", "), ...mail });
  return sent
    ? { ok: true, statusCode: null }
    : { ok: false, statusCode: null, error: "The mail server did not take the message (or SMTP_URL is not set).", permanent: false };
}
