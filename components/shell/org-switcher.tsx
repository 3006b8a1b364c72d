"use client";
import { useRouter } from "next/navigation";

type TOrg = { slug: string; name: string };

// A native select: keyboard and screen-reader friendly without extra code.
export function OrgSwitcher({ current, orgs }: { current: string; orgs: TOrg[] }) {
  const router = useRouter();
  return (
    <div>
      <label htmlFor="org-switcher" className="mb-1 block text-xs font-medium text-zinc-500">
        Organization
      </label>
      <select
        id="org-switcher"
        value={current}
        onChange={(e) => router.push(e.target.value === "__new" ? "/organizations/new" : `/${e.target.value}`)}
        className="block w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm"
      >
        {orgs.map((o) => (
          <option key={o.slug} value={o.slug}>
            {o.name}
          </option>
        ))}
        <option value="__new">+ New organization</option>
      </select>
    </div>
  );
}
