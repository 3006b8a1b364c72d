import { TextField } from "@/components/ui/field";
import { DEFAULT_FIRST_TOKEN_TIMEOUT_SECONDS, DEFAULT_STALL_TIMEOUT_SECONDS, LINK_TIMEOUT_SECONDS } from "@/lib/agents/schemas";

export type TLinkTimeouts = { firstTokenTimeoutSeconds: string; stallTimeoutSeconds: string };

export const LINK_TIMEOUT_FIELDS = ["firstTokenTimeoutSeconds", "stallTimeoutSeconds"] as const;

export const DEFAULT_LINK_TIMEOUTS: TLinkTimeouts = {
  firstTokenTimeoutSeconds: String(DEFAULT_FIRST_TOKEN_TIMEOUT_SECONDS),
  stallTimeoutSeconds: String(DEFAULT_STALL_TIMEOUT_SECONDS),
};

// What the person typed, echoed back after a refused submission.
export const echoedTimeouts = (values: Record<string, string>): TLinkTimeouts => ({
  firstTokenTimeoutSeconds: values.firstTokenTimeoutSeconds ?? "",
  stallTimeoutSeconds: values.stallTimeoutSeconds ?? "",
});

// A stored link's deadlines as the form shows them.
export const linkTimeoutsInSeconds = (link: { firstTokenTimeoutMs: number; stallTimeoutMs: number }): TLinkTimeouts => ({
  firstTokenTimeoutSeconds: String(link.firstTokenTimeoutMs / 1000),
  stallTimeoutSeconds: String(link.stallTimeoutMs / 1000),
});

const NUMBER = { type: "number", inputMode: "numeric", min: LINK_TIMEOUT_SECONDS.min, max: LINK_TIMEOUT_SECONDS.max, required: true } as const;

const FIELDS: Array<{ name: keyof TLinkTimeouts; label: string; hint: string }> = [
  {
    name: "firstTokenTimeoutSeconds",
    label: "First token timeout (seconds)",
    hint: "How long to wait for the first words of an answer before trying the backup.",
  },
  {
    name: "stallTimeoutSeconds",
    label: "Stall timeout (seconds)",
    hint: "How long an answer may pause mid-stream before the backup takes over. A long answer that keeps streaming is never cut.",
  },
];

// A link's two deadlines. Both judge silence, not length.
export function LinkTimeoutFields({ initial, fields }: { initial: TLinkTimeouts; fields: Record<string, string> }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {FIELDS.map(({ name, label, hint }) => (
        <TextField key={name} label={label} name={name} {...NUMBER} defaultValue={initial[name]} hint={hint} error={fields[name]} />
      ))}
    </div>
  );
}
