"use client";
import { useState } from "react";

import { SelectField, TextField } from "@/components/ui/field";
import { VENDOR_CATALOG } from "@/lib/providers/catalog";

import type { TSavedProvider } from "./forms";

// A saved provider and the model to use with it. Choosing a provider fills in
// its default model, which stays editable.
export function SavedProviderFields({
  label,
  providers,
  credentialId,
  model,
  errors,
}: {
  label: string;
  providers: TSavedProvider[];
  credentialId?: string;
  model?: string;
  errors: Record<string, string>;
}) {
  const [selected, setSelected] = useState(credentialId || providers[0]?.id || "");
  const [modelValue, setModelValue] = useState(model ?? providers.find((p) => p.id === selected)?.defaultModel ?? "");
  const options = providers.map((p) => ({ value: p.id, label: `${p.name} · ${VENDOR_CATALOG[p.vendor].label}` }));
  const choose = (id: string) => {
    setSelected(id);
    setModelValue(providers.find((p) => p.id === id)?.defaultModel ?? "");
  };
  return (
    <>
      <SelectField label={label} name="credentialId" options={options} value={selected} onChange={(e) => choose(e.target.value)} error={errors.credentialId} />
      <TextField label="Model" name="model" required value={modelValue} onChange={(e) => setModelValue(e.target.value)} error={errors.model} />
    </>
  );
}
