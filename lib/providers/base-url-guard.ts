// A tenant-supplied base URL must not turn the server into a proxy for its own
// network (SSRF): no loopback, private ranges, link-local or cloud metadata.
// The lists are checked twice: when a base URL is saved or tested (here) and
// on every connection a provider call makes (provider-fetch.ts). Alert
// channels' URLs follow the same rule.
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

// One list for both checks. (BlockList also matches IPv4-mapped IPv6 against the IPv4 rules.)
const BLOCKED = new BlockList();
const IPV4_RANGES: ReadonlyArray<[string, number]> = [
  ["0.0.0.0", 8], // "this network", includes 0.0.0.0
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT (also Alibaba Cloud's metadata address)
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, includes the 169.254.169.254 metadata service
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, includes 255.255.255.255
];
const IPV6_RANGES: ReadonlyArray<[string, number]> = [
  ["::", 96], // unspecified, loopback and the old IPv4-compatible form
  ["fc00::", 7], // unique local, includes AWS's fd00:ec2::254 metadata service
  ["fe80::", 10],
  ["fec0::", 10], // site-local, deprecated (RFC 3879) but still routed by some networks
  ["ff00::", 8],
];
for (const [network, prefix] of IPV4_RANGES) BLOCKED.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of IPV6_RANGES) BLOCKED.addSubnet(network, prefix, "ipv6");

// IPv6 forms that carry an IPv4 address, refused whole whatever address they
// carry: a DNS answer has no reason to use one, and the gateway or stack
// behind it may reach private networks. A list of their own, checked for IPv6
// addresses only, because BlockList would match every IPv4 address against
// the IPv4-mapped range.
const EMBEDS_IPV4 = new BlockList();
const EMBEDDING_RANGES: ReadonlyArray<[string, number]> = [
  ["::ffff:0:0", 96], // IPv4-mapped
  ["::ffff:0:0:0", 96], // IPv4-translated (SIIT)
  ["64:ff9b::", 96], // NAT64, well-known prefix
  ["64:ff9b:1::", 48], // NAT64, local-use prefix
  ["2001::", 32], // Teredo
  ["2002::", 16], // 6to4
];
for (const [network, prefix] of EMBEDDING_RANGES) EMBEDS_IPV4.addSubnet(network, prefix, "ipv6");

// Cloud metadata services hand out the server's own credentials. They stay
// refused where private addresses are allowed (ALLOW_PRIVATE_PROVIDER_URLS),
// since no self-hosted model lives there.
const METADATA_IPV4: ReadonlyArray<[string, number]> = [
  // Link-local: 169.254.169.254 (AWS, GCP, Azure, Oracle, DigitalOcean, OpenStack), 169.254.170.2 (AWS ECS), 169.254.0.23 (Tencent).
  ["169.254.0.0", 16],
  ["100.100.100.200", 32], // Alibaba Cloud
  ["168.63.129.16", 32], // Azure's WireServer, a public address inside every Azure network
];
const METADATA_IPV6 = ["fd00:ec2::254" /* AWS */, "fd20:ce::254" /* GCP */, "fd00:c1::a9fe:a9fe" /* Oracle */];

const hexGroups = (ipv4: string) => {
  const [a = 0, b = 0, c = 0, d = 0] = ipv4.split(".").map(Number);
  return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
};

const METADATA = new BlockList();
for (const [network, prefix] of METADATA_IPV4) {
  // Also matches the IPv4-mapped form (::ffff:169.254.169.254).
  METADATA.addSubnet(network, prefix, "ipv4");
  // The IPv6 forms that carry an IPv4 address at a fixed place: NAT64's
  // well-known prefix, SIIT and 6to4. (Teredo and local-use NAT64 place it
  // where the operator chooses; they are private addresses, refused above.)
  METADATA.addSubnet(`64:ff9b::${network}`, 96 + prefix, "ipv6");
  METADATA.addSubnet(`::ffff:0:${network}`, 96 + prefix, "ipv6");
  METADATA.addSubnet(`2002:${hexGroups(network)}::`, 16 + prefix, "ipv6");
}
for (const address of METADATA_IPV6) METADATA.addAddress(address, "ipv6");

function familyOf(address: string): "ipv4" | "ipv6" {
  const family = isIP(address);
  if (family === 0) throw new Error(`Not an IP address: ${address}`);
  return family === 4 ? "ipv4" : "ipv6";
}

/** Whether an IP address is one a hosted server must not call on a tenant's behalf. */
export function isPrivateAddress(address: string): boolean {
  const family = familyOf(address);
  if (family === "ipv4") return BLOCKED.check(address, "ipv4");
  return BLOCKED.check(address, "ipv6") || EMBEDS_IPV4.check(address, "ipv6");
}

/** Whether an IP address is a cloud metadata service's, refused whatever the settings. */
export function isCloudMetadataAddress(address: string): boolean {
  return METADATA.check(address, familyOf(address));
}

/** The rule every provider call and alert delivery follows: metadata never, private addresses only where allowed. */
export function isRefusedAddress(address: string, { allowPrivate }: { allowPrivate: boolean }): boolean {
  return isCloudMetadataAddress(address) || (!allowPrivate && isPrivateAddress(address));
}

export class UnsafeBaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafeBaseUrlError";
  }
}

// What the URL is called in messages, and what to do about a private one:
// a provider's base URL by default; an alert channel names its own.
export type TUrlSubject = { name: string; privateAdvice: string; credentialsAdvice: string };
const BASE_URL: TUrlSubject = {
  name: "Base URL",
  privateAdvice: "use the provider's public address, or ask an administrator to allow private provider URLs for self-hosted models.",
  credentialsAdvice: "put the key in the API key field.",
};

function parse(raw: string, subject: TUrlSubject): URL {
  const text = raw.trim();
  if (!URL.canParse(text)) throw new UnsafeBaseUrlError(`${subject.name} is not a valid URL: "${raw}". Use a full address such as https://api.example.com/v1.`);
  const url = new URL(text);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UnsafeBaseUrlError(`${subject.name} must start with http:// or https:// (got ${url.protocol}).`);
  }
  if (url.username || url.password) {
    throw new UnsafeBaseUrlError(`${subject.name} must not contain a user name or password; ${subject.credentialsAdvice}`);
  }
  return url;
}

export type TResolvedAddress = { address: string; family: number };
export type TResolveHost = (hostname: string) => Promise<readonly TResolvedAddress[]>;

/** Every address the system resolver gives for a host, in its order. */
export const resolveHost: TResolveHost = (hostname) => lookup(hostname, { all: true, verbatim: true });

async function resolveAll(hostname: string, subject: TUrlSubject): Promise<string[]> {
  try {
    const answers = await resolveHost(hostname);
    return answers.map((answer) => answer.address);
  } catch (error) {
    const code = (error as { code?: string }).code ?? "lookup failed";
    throw new UnsafeBaseUrlError(`${subject.name} host "${hostname}" could not be resolved (${code}); check the spelling of the address.`);
  }
}

/**
 * Checks a base URL before the server calls it: http(s) only, no address of
 * its host a cloud metadata service's, and every one public unless
 * `allowPrivate` (for self-hosted models next to the app). Returns the parsed URL.
 */
export async function assertSafeBaseUrl(raw: string, options: { allowPrivate: boolean; subject?: TUrlSubject }): Promise<URL> {
  const subject = options.subject ?? BASE_URL;
  const url = parse(raw, subject);
  // URL keeps the brackets of an IPv6 literal ("[::1]"); lookup wants it bare.
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  // Where private addresses are allowed, a name that does not resolve yet is
  // left to the check each connection makes.
  const addresses = await resolveAll(hostname, subject).catch((error: unknown) => {
    if (options.allowPrivate) return [];
    throw error;
  });
  // Name the host the person typed, never what it resolved to: the message
  // would otherwise tell a stranger the addresses inside our network.
  if (addresses.some(isCloudMetadataAddress)) {
    throw new UnsafeBaseUrlError(`${subject.name} points at a cloud metadata service (host "${hostname}"), which is never allowed.`);
  }
  if (!options.allowPrivate && addresses.some(isPrivateAddress)) {
    throw new UnsafeBaseUrlError(`${subject.name} points at a private or local address (host "${hostname}"); ${subject.privateAdvice}`);
  }
  return url;
}
