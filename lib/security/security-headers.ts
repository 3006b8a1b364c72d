// The response headers every page and route carries; pure, so a unit test
// reads the policy directive by directive.

// One year, the minimum the HSTS preload list accepts.
const HSTS = "max-age=31536000; includeSubDomains";

type TSecurityHeaders = Record<string, string> & { "content-security-policy": string };

function contentSecurityPolicy({ nonce, development }: { nonce: string; development: boolean }): string {
  const directives = [
    "default-src 'self'",
    // Next's inline bootstrap and RSC payload carry the nonce; 'strict-dynamic'
    // lets the chunks they load run. Dev mode's React uses eval for stack traces.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Stylesheets are Tailwind's built file; no <style> elements are needed.
    "style-src 'self'",
    // React renders `style` props (chart sizes, legend swatches) as attributes,
    // which a nonce cannot cover; attributes cannot run code.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // fetch, server actions and the live EventSource streams are same-origin.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

export function securityHeaders({ nonce, https, development }: { nonce: string; https: boolean; development: boolean }): TSecurityHeaders {
  const headers: TSecurityHeaders = {
    "content-security-policy": contentSecurityPolicy({ nonce, development }),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    // For browsers older than CSP's frame-ancestors.
    "x-frame-options": "DENY",
  };
  if (https) headers["strict-transport-security"] = HSTS;
  return headers;
}
