// Security headers on every page and route: a Content Security Policy with a
// fresh nonce per request (Next reads it from the request's
// Content-Security-Policy header and puts it on its own scripts), plus the
// framing, sniffing, referrer and HSTS headers.
import { type NextRequest, NextResponse } from "next/server";

import { securityHeaders } from "@/lib/security/security-headers";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders({
    nonce,
    https: isHttps(request),
    development: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["content-security-policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// A spoofed x-forwarded-proto over plain HTTP is harmless: browsers ignore HSTS
// received over HTTP (RFC 6797 §8.1), so trusting it needs no proxy setting.
function isHttps(request: NextRequest): boolean {
  if (request.nextUrl.protocol === "https:") return true;
  return request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export const config = {
  // Built assets are immutable files with no inline code: they need no nonce.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
