// The fetch every provider call goes through (turns, probes, Test
// connection). A base URL is checked when it is saved, but DNS can change
// after that and a provider can answer with a redirect, so the rule is
// enforced again where it cannot be dodged: on the address each connection is
// actually opened to, and no redirect is ever followed.
//
// undici's own fetch with its own Agent (one package, one version), rather
// than the global fetch with a foreign dispatcher. Every body it returns is
// read under the caps of capped-body.ts.
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";

import { Agent, buildConnector, fetch as undiciFetch } from "undici";

import { env } from "../env";
import { isCloudMetadataAddress, isRefusedAddress, resolveHost, type TResolveHost } from "./base-url-guard";
import { cappedResponse } from "./capped-body";
import { REFUSED_ADDRESS, REFUSED_REDIRECT } from "./error-map";

/** A connection or answer the address rule does not allow; a network-class failure. */
class RefusedConnectionError extends Error {
  constructor(
    readonly code: typeof REFUSED_ADDRESS | typeof REFUSED_REDIRECT,
    message: string,
  ) {
    super(message);
    this.name = "RefusedConnectionError";
  }
}

// Names the host that was typed, never the address it resolved to: the
// message reaches the person who typed it, and would otherwise map our network.
function refusedAddress(hostname: string, address: string): RefusedConnectionError {
  const where = `The provider's host "${hostname}" ${hostname === address ? "is" : "resolves to"}`;
  return new RefusedConnectionError(
    REFUSED_ADDRESS,
    isCloudMetadataAddress(address)
      ? `${where} a cloud metadata address, which provider calls may never reach`
      : `${where} a private or local address, which provider calls may not reach; ask an administrator to allow private provider URLs for self-hosted models`,
  );
}

export type TAddressPolicy = {
  // Whether a connection to this IP address is refused; read at each connect.
  isRefused: (address: string) => boolean;
  // How host names become addresses; tests map made-up names to their servers.
  resolve?: TResolveHost;
};

// Node asks the lookup for one address, or for all of them when it tries
// several (happy eyeballs). Any refused answer refuses the host, as the check
// on save does: a name that resolves to a private address is not a provider.
export function guardedLookup({ isRefused, resolve = resolveHost }: TAddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (answers) => {
        const refused = answers.find((answer) => isRefused(answer.address));
        const wanted = answers.filter((answer) => !options.family || answer.family === options.family);
        const first = wanted[0];
        if (refused) return callback(refusedAddress(hostname, refused.address), "", 0);
        if (!first) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "", 0);
        if (options.all)
          return callback(
            null,
            wanted.map(({ address, family }) => ({ address, family })),
          );
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}

// An IP literal never reaches the lookup (Node connects to it directly), so
// it is checked here, before the socket is opened.
function guardedConnector(policy: TAddressPolicy): buildConnector.connector {
  const connect = buildConnector({ lookup: guardedLookup(policy) });
  return (options, callback) => {
    if (isIP(options.hostname) && policy.isRefused(options.hostname)) return callback(refusedAddress(options.hostname, options.hostname), null);
    connect(options, callback);
  };
}

// onChunk hears every chunk of the body as it is read (chat's stall timer).
export type TBodyWatch = { onChunk?: () => void };
export type TProviderFetch = (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit, watch?: TBodyWatch) => Promise<Response>;

export function createProviderFetch(policy: TAddressPolicy): TProviderFetch {
  const dispatcher = new Agent({ connect: guardedConnector(policy) });
  return async (input, init, watch) => {
    // The SDK adapters pass a URL; a Request object would belong to another fetch.
    if (typeof input !== "string" && !(input instanceof URL)) throw new TypeError("A provider call takes a URL, not a Request");
    const response = await undiciFetch(input, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher, redirect: "manual" });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new RefusedConnectionError(REFUSED_REDIRECT, `The provider redirected (${response.status}) to another address; redirects are not followed`);
    }
    return cappedResponse(response as unknown as Response, watch?.onChunk);
  };
}

/** The fetch of every provider call: private addresses only where the instance allows them, cloud metadata never. */
export const providerFetch = createProviderFetch({
  isRefused: (address) => isRefusedAddress(address, { allowPrivate: env().ALLOW_PRIVATE_PROVIDER_URLS }),
});
