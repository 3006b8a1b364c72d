import { TextField } from "@/components/ui/field";
import { VENDOR_CATALOG } from "@/lib/providers/catalog";
import type { TVendor } from "@/lib/providers/types";

// The base URL sits under "Advanced" unless the vendor needs one (OpenAI-compatible).
export function AdvancedBaseUrl({ vendor, error, defaultValue }: { vendor: TVendor; error?: string; defaultValue?: string }) {
  const required = VENDOR_CATALOG[vendor].baseUrlRequired;
  const hint = required ? "Required: the endpoint of your vLLM, Ollama, Groq, Together or proxy." : "Leave empty to use the vendor's own endpoint.";
  return (
    <details open={required || Boolean(error) || Boolean(defaultValue)} className="rounded-md border border-zinc-200 px-3 py-2">
      <summary className="cursor-pointer text-sm font-medium text-zinc-700">Advanced</summary>
      <div className="mt-3">
        <TextField
          label="Base URL"
          name="baseUrl"
          type="url"
          required={required}
          placeholder={VENDOR_CATALOG[vendor].defaultBaseUrl ?? "https://…/v1"}
          defaultValue={defaultValue}
          hint={hint}
          error={error}
        />
      </div>
    </details>
  );
}
