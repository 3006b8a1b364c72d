// Slugs share the URL's first segment with the app's own routes.
const RESERVED = new Set(["api", "sign-in", "sign-up", "sign-out", "organizations", "_next", "favicon.ico", "new", "settings"]);

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return base || "org";
}

function isReservedSlug(slug: string): boolean {
  return RESERVED.has(slug);
}

// "acme", then "acme-2", "acme-3"... until `taken` says no.
export async function uniqueSlug(name: string, taken: (slug: string) => Promise<boolean>): Promise<string> {
  const base = slugify(name);
  for (let n = 1; n < 1000; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!isReservedSlug(candidate) && !(await taken(candidate))) return candidate;
  }
  throw new Error("Could not find a free slug");
}
