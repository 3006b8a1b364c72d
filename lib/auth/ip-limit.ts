import { env } from "../env";
import { redisKey } from "../queue/connections";
import { takeAttempt, waitText } from "./attempt-window";

// One allowance per client address (clientIp()) for everything that hashes
// a password: sign-ins, sign-ups and password changes together. Answers the
// seconds to wait, or 0 when it may go on.
export function takeIpAttempt(ip: string): Promise<number> {
  return takeAttempt({ key: redisKey("auth-ip", ip), limit: env().AUTH_IP_LIMIT_PER_MINUTE, windowSeconds: 60 });
}

export function ipRetryMessage(seconds: number): string {
  return `Too many attempts from your network. Try again in ${waitText(seconds)}.`;
}
