// What an API caller may read of a provider failure: the class, the status
// and the vendor's words, but no host, IP address or port. A caller holds an
// agent's key, not a seat in the organization, and an error that names
// addresses maps the network behind the server ("connect ECONNREFUSED
// 10.0.0.7:5432"). The attempt record keeps the full text for members. Pure.
//
// The text may carry a provider's words, so it is cut to the bounded prefix
// first, and every pattern starts only where a run of the characters it
// spans begins (a lookbehind), so a long run is scanned once, not once per
// character in it.
import { outsideText } from "./outside-text";

const HIDDEN = "[address]";
const PORT = String.raw`(?::\d{1,5})?`;
const IPV4 = String.raw`(?:\d{1,3}\.){3}\d{1,3}`;
const HEX = "[0-9a-f]{1,4}";
// A compressed IPv6 address (with "::"), or a full one of eight groups; either
// may end in an embedded IPv4 address (::ffff:10.0.0.1).
const IPV6 = String.raw`(?:(?:${HEX}:){0,7}${HEX})?::(?:(?:${HEX}:){0,6}(?:${IPV4}|${HEX}))?|(?:${HEX}:){7}${HEX}|(?:${HEX}:){6}${IPV4}`;
const DNS_NAME = String.raw`(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}\.?`;

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Any URL, whatever host it names (its scheme taken from where the run of scheme characters begins).
  [/(?<![a-z0-9+.-])[a-z0-9+.-]+:\/\/[^\s"'<>`]+/gi, HIDDEN],
  [new RegExp(String.raw`\[(?:${IPV6})\]${PORT}`, "gi"), HIDDEN],
  [new RegExp(String.raw`(?<![\w:.])(?:${IPV6})(?![\w:.])`, "gi"), HIDDEN],
  [new RegExp(String.raw`(?<![\w.])${IPV4}${PORT}(?![\w.])`, "g"), HIDDEN],
  // A name with a port is an address, whatever its shape (localhost:11434).
  [new RegExp(String.raw`(?<![\w.-])(?:${DNS_NAME}|localhost):\d{1,5}\b`, "gi"), HIDDEN],
  // Where Node and TLS name the host they tried: "getaddrinfo ENOTFOUND api.example.com",
  // "Host: api.example.com. is not in the cert's altnames: DNS:*.example.net".
  [/\b(ENOTFOUND|EAI_AGAIN|EAI_FAIL|ESERVFAIL|ENODATA|ETIMEOUT|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|Host:|DNS:|IP Address:)\s*[^\s,;)]+/g, `$1 ${HIDDEN}`],
  [/\blocalhost\b/gi, HIDDEN],
];

export function redactAddresses(text: string): string {
  return PATTERNS.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), outsideText(text));
}
