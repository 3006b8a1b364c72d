import { FiguresTable } from "@/components/ui/figures-table";
import type { TProviderTokens } from "@/lib/stats/provider-tokens";

const number = new Intl.NumberFormat("en");

const figures = (t: Omit<TProviderTokens, "label">) => [t.calls, t.inputTokens, t.outputTokens].map((n) => number.format(n));

// Input and output tokens per provider over every call, failed and retried
// ones included, with a total row when more than one provider was called.
export function TokensTable({ tokens }: { tokens: TProviderTokens[] }) {
  const sum = tokens.reduce(
    (acc, t) => ({ calls: acc.calls + t.calls, inputTokens: acc.inputTokens + t.inputTokens, outputTokens: acc.outputTokens + t.outputTokens }),
    { calls: 0, inputTokens: 0, outputTokens: 0 },
  );
  return (
    <FiguresTable
      caption="Tokens by provider"
      columns={["Provider", "Calls", "Input tokens", "Output tokens"]}
      rows={tokens.map((t) => ({ key: t.label, name: t.label, figures: figures(t) }))}
      total={tokens.length > 1 ? { key: "total", name: "Total", figures: figures(sum) } : undefined}
    />
  );
}
