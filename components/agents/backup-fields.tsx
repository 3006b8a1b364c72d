"use client";
import Link from "next/link";
import { useState } from "react";

import { AdvancedBaseUrl } from "@/components/providers/advanced-base-url";
import { ApiKeyField, VendorField } from "@/components/providers/provider-fields";
import { cn } from "@/components/ui/cn";
import { SelectField, TextField } from "@/components/ui/field";
import { VENDOR_CATALOG } from "@/lib/providers/catalog";
import type { TVendor } from "@/lib/providers/types";

import type { TSavedProvider } from "./forms";
import { LinkTimeoutFields, type TLinkTimeouts } from "./link-timeout-fields";

export type TSource = "saved" | "api_key";
export type TBackupChoice = { vendor: TVendor; mode: TSource; credentialId?: string; model?: string; baseUrl?: string; timeouts: TLinkTimeouts };

const SOURCES = [
  { value: "saved", label: "Saved provider" },
  { value: "api_key", label: "API key" },
] as const;

function SourceChoice({ value, onChange }: { value: TSource; onChange: (source: TSource) => void }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-zinc-800">Connect with</legend>
      {/* The radios only drive the hidden `mode` input that the action reads. */}
      <input type="hidden" name="mode" value={value} />
      <div className="mt-1.5 grid grid-cols-2 gap-2">
        {SOURCES.map((source) => (
          <label
            key={source.value}
            className={cn(
              "flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm font-medium",
              value === source.value ? "border-brand-500 bg-brand-50 text-brand-700" : "border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50",
            )}
          >
            <input
              type="radio"
              name="source"
              value={source.value}
              checked={value === source.value}
              onChange={() => onChange(source.value)}
              className="accent-brand-600"
            />
            {source.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function NoSavedProviders({ vendor, providersHref, error }: { vendor: TVendor; providersHref: string; error?: string }) {
  return (
    <div className="space-y-1.5">
      <p className="rounded-md border border-dashed border-zinc-300 bg-zinc-50 px-3 py-2 text-sm text-zinc-600">
        No saved {VENDOR_CATALOG[vendor].label} providers. Choose API key, or add one on the{" "}
        <Link href={providersHref} className="font-medium text-brand-700 underline">
          Providers page
        </Link>
        .
      </p>
      {error ? (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function BackupFields({
  initial,
  saved,
  providersHref,
  fields,
}: {
  initial: TBackupChoice;
  saved: TSavedProvider[];
  providersHref: string;
  fields: Record<string, string>;
}) {
  const [vendor, setVendor] = useState(initial.vendor);
  const [mode, setMode] = useState(initial.mode);
  const [credentialId, setCredentialId] = useState(initial.credentialId || saved.find((p) => p.vendor === initial.vendor)?.id || "");
  // The model follows the choice: the saved provider's default model, else the vendor's suggestion.
  const suggestedModel = (v: TVendor, m: TSource, id: string) =>
    (m === "saved" ? saved.find((p) => p.id === id && p.vendor === v)?.defaultModel : undefined) ?? VENDOR_CATALOG[v].suggestedModel ?? "";
  const [model, setModel] = useState(initial.model ?? suggestedModel(initial.vendor, initial.mode, credentialId));
  const ofVendor = saved.filter((p) => p.vendor === vendor);

  const chooseVendor = (next: TVendor) => {
    const first = saved.find((p) => p.vendor === next)?.id ?? "";
    setVendor(next);
    setCredentialId(first);
    setModel(suggestedModel(next, mode, first));
  };
  const chooseMode = (next: TSource) => {
    setMode(next);
    setModel(suggestedModel(vendor, next, credentialId));
  };
  const chooseCredential = (id: string) => {
    setCredentialId(id);
    setModel(suggestedModel(vendor, "saved", id));
  };

  return (
    <>
      {/* Every vendor is offered, the primary's too: another endpoint of it is a
          different provider, and the server refuses the primary's own and says why. */}
      <VendorField label="Provider" value={vendor} onChange={chooseVendor} error={fields.vendor} />
      <SourceChoice value={mode} onChange={chooseMode} />
      {mode === "saved" && ofVendor.length > 0 ? (
        <SelectField
          label="Saved provider"
          name="credentialId"
          options={ofVendor.map((p) => ({ value: p.id, label: p.name }))}
          value={credentialId}
          onChange={(e) => chooseCredential(e.target.value)}
          error={fields.credentialId}
        />
      ) : null}
      {mode === "saved" && ofVendor.length === 0 ? <NoSavedProviders vendor={vendor} providersHref={providersHref} error={fields.credentialId} /> : null}
      {mode === "api_key" ? (
        <>
          <ApiKeyField required hint="Used by this agent only. Stored encrypted; afterwards only its last 4 characters are shown." error={fields.apiKey} />
          <AdvancedBaseUrl key={vendor} vendor={vendor} error={fields.baseUrl} defaultValue={initial.baseUrl} />
        </>
      ) : null}
      <TextField
        label="Model"
        name="model"
        required
        value={model}
        onChange={(e) => setModel(e.target.value)}
        placeholder={VENDOR_CATALOG[vendor].suggestedModel ?? "model id"}
        error={fields.model}
      />
      <LinkTimeoutFields initial={initial.timeouts} fields={fields} />
    </>
  );
}
