// Whether an error means PostgreSQL could not be reached or went away, as
// opposed to a statement that failed: callers can then say "try again" (503)
// instead of "something went wrong" (500).

// Node's own codes for a connection that could not be made or was cut.
const NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);
// SQLSTATE class 08 (connection exception), and the server shutting down or
// starting up (57P01-57P03).
const SQLSTATE = /^(08\w{3}|57P0[1-3])$/;

export function isDatabaseUnavailable(error: unknown): boolean {
  // Drivers and Prisma wrap the socket's error; look a few causes deep.
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (NETWORK.has(code) || SQLSTATE.test(code))) return true;
    current = current.cause;
  }
  return false;
}
