import { redisKey } from "../queue/connections";
import { redis } from "../redis";

// Failed sign-ins, counted in Redis so every web process shares them, per
// client address and email together, and per email from every address.
// - An address that failed `perAddress` times for an email waits out the window.
// - Once an email has failed `perEmail` times from all addresses together (a
//   guess spread over many addresses), every address that has failed for it
//   waits too, and any other gets one try: so guesses cost an address each.
// - An address with no failure for the email is never refused by these: a
//   stranger's guesses cannot lock its owner out.
export const SIGN_IN_LIMIT = { perAddress: 10, perEmail: 20, windowSeconds: 15 * 60 };

type TWho = { ip: string; email: string };
// This address's failures for the email, then the email's from every address.
const keys = ({ ip, email }: TWho): [string, string] => [redisKey("signin-fail", email, ip), redisKey("signin-fail", email)];
const limits = () => [SIGN_IN_LIMIT.perAddress, SIGN_IN_LIMIT.perEmail, SIGN_IN_LIMIT.windowSeconds];

// Sets `wait`: the seconds this address must wait before trying this email, or 0.
const RULE = `
local pair = tonumber(redis.call("GET", KEYS[1]) or "0")
local email = tonumber(redis.call("GET", KEYS[2]) or "0")
local wait = 0
if pair >= tonumber(ARGV[1]) then wait = redis.call("TTL", KEYS[1])
elseif pair > 0 and email >= tonumber(ARGV[2]) then wait = redis.call("TTL", KEYS[2]) end
`;
// The attempt counts as failed until the password proves right, taken in
// the same step as the check, so parallel guesses each take a place.
const TAKE = `${RULE}
if wait ~= 0 then return math.max(wait, 1) end
for _, key in ipairs(KEYS) do
  redis.call("INCR", key)
  redis.call("EXPIRE", key, ARGV[3], "NX")
end
return 0`;
const PEEK = `${RULE} return math.max(wait, 0)`;
// Takes one attempt back (a count that expired in between stays gone).
const UNCOUNT = `for _, key in ipairs(KEYS) do
  if tonumber(redis.call("GET", key) or "0") > 0 then redis.call("DECR", key) end
end`;

// Answers the seconds to wait when this attempt is refused, or 0 when it may go on.
export async function takeSignInAttempt(who: TWho): Promise<number> {
  return Number(await redis.eval(TAKE, 2, ...keys(who), ...limits()));
}

// What the sign-in form tells a refused address.
export async function signInRetryAfter(who: TWho): Promise<number> {
  return Number(await redis.eval(PEEK, 2, ...keys(who), ...limits()));
}

// The right password: this address starts afresh for this email; the
// email's count loses only this attempt, not the failures of others.
export async function clearFailedSignIns(who: TWho): Promise<void> {
  const [pair, all] = keys(who);
  await redis.multi().del(pair).eval(UNCOUNT, 1, all).exec();
}

// The password was never checked (the hashing pool was busy): not a failure.
export async function releaseSignInAttempt(who: TWho): Promise<void> {
  await redis.eval(UNCOUNT, 2, ...keys(who));
}

export function retryMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
