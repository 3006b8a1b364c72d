"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

import { Button, buttonClass } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { TOption } from "@/lib/activity/load-feed";

export type TFilterValues = { type: string; severity: string; agent: string; provider: string; range: string; from: string; to: string };

const SEVERITY_OPTIONS = [
  { value: "", label: "Any severity" },
  { value: "info", label: "Info" },
  { value: "warning", label: "Warning" },
  { value: "error", label: "Error" },
];
const RANGE_OPTIONS = [
  { value: "any", label: "Any time" },
  { value: "1h", label: "Last hour" },
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "custom", label: "Custom range" },
];

// One form for the org and agent Activity pages. Filters live in the URL, so
// a filtered view can be bookmarked or shared; the form only writes the URL.
export function FilterForm({
  basePath,
  values,
  types,
  agents,
  providers,
  exportHref,
  filtered,
}: {
  basePath: string;
  values: TFilterValues;
  types: TOption[];
  agents: TOption[] | null;
  providers: TOption[];
  exportHref: string;
  filtered: boolean;
}) {
  const router = useRouter();
  const [range, setRange] = useState(values.range);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const params = new URLSearchParams();
    for (const [name, value] of form) {
      const custom = name === "from" || name === "to";
      if (typeof value === "string" && value && !(name === "range" && value === "any") && (!custom || range === "custom")) params.set(name, value);
    }
    const qs = params.toString();
    router.push(qs ? `${basePath}?${qs}` : basePath);
  }

  return (
    <form
      method="get"
      action={basePath}
      onSubmit={apply}
      aria-label="Filter activity"
      className="mb-4 space-y-3 rounded-lg border border-zinc-200 bg-white p-4"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <SelectField label="Event type" name="type" defaultValue={values.type} options={[{ value: "", label: "All events" }, ...types]} />
        <SelectField label="Severity" name="severity" defaultValue={values.severity} options={SEVERITY_OPTIONS} />
        {agents ? <SelectField label="Agent" name="agent" defaultValue={values.agent} options={[{ value: "", label: "All agents" }, ...agents]} /> : null}
        <SelectField label="Provider" name="provider" defaultValue={values.provider} options={[{ value: "", label: "All providers" }, ...providers]} />
        <SelectField label="Time range" name="range" value={range} onChange={(e) => setRange(e.target.value)} options={RANGE_OPTIONS} />
      </div>
      {range === "custom" ? (
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <TextField label="From (UTC)" name="from" type="datetime-local" defaultValue={values.from} />
          <TextField label="To (UTC)" name="to" type="datetime-local" defaultValue={values.to} />
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" size="sm">
          Apply filters
        </Button>
        {filtered ? (
          <Link href={basePath} className={buttonClass({ variant: "ghost", size: "sm" })}>
            Clear filters
          </Link>
        ) : null}
        <a href={exportHref} download className={`${buttonClass({ variant: "secondary", size: "sm" })} sm:ml-auto`}>
          Export CSV
        </a>
      </div>
    </form>
  );
}
