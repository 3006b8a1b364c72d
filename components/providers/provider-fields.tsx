import { SelectField, TextField } from "@/components/ui/field";
import { VENDOR_CATALOG } from "@/lib/providers/catalog";
import { type TVendor, VENDORS } from "@/lib/providers/types";

const VENDOR_OPTIONS = VENDORS.map((v) => ({ value: v, label: VENDOR_CATALOG[v].label }));

// The vendor choice of a saved provider or an agent's backup (`vendor`).
export function VendorField({ label, value, onChange, error }: { label: string; value: TVendor; onChange: (vendor: TVendor) => void; error?: string }) {
  return <SelectField label={label} name="vendor" options={VENDOR_OPTIONS} value={value} onChange={(e) => onChange(e.target.value as TVendor)} error={error} />;
}

// A key input (`apiKey`): masked, never autocompleted, with what happens to it.
export function ApiKeyField({ label = "API key", hint, required, error }: { label?: string; hint: string; required?: boolean; error?: string }) {
  return <TextField label={label} name="apiKey" type="password" autoComplete="off" required={required} hint={hint} error={error} />;
}
