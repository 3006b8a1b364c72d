import { env } from "../env";

// Next's own server fills X-Forwarded-For with the socket's address only when
// the request has none, so a client talking to it directly can write any
// address there. It is read only when TRUSTED_PROXY says a proxy in front
// appends the real one (the last entry); otherwise every client shares one
// allowance, which still bounds the hashing a stranger can cause.
export function clientIp(headers: Headers, trustedProxy = env().TRUSTED_PROXY): string {
  if (!trustedProxy) return "direct";
  const forwarded = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return forwarded?.at(-1) ?? "direct";
}
