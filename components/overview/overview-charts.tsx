import Link from "next/link";
import type { ReactNode } from "react";

import { Card, EmptyState } from "@/components/ui/feedback";
import { totalsSentence, type TOverviewStats } from "@/lib/stats/overview-stats";
import { anyTokens } from "@/lib/stats/provider-tokens";
import { RANGES } from "@/lib/stats/range";

import { LatencyChart } from "./latency-chart";
import { RangeToggle } from "./range-toggle";
import { ShareChart } from "./share-chart";
import { TokensTable } from "./tokens-table";
import { TurnsChart } from "./turns-chart";

function ChartCard({ id, title, note, children }: { id: string; title: string; note?: string; children: ReactNode }) {
  return (
    <Card className="min-w-0 p-4 sm:p-5">
      <section aria-labelledby={id}>
        <h3 id={id} className="text-sm font-semibold text-zinc-900">
          {title}
        </h3>
        {note ? <p className="mt-0.5 text-xs text-zinc-500">{note}</p> : null}
        <div className="mt-3">{children}</div>
      </section>
    </Card>
  );
}

// Traffic for the chosen range: turns per hour, who answered, how fast, and
// the tokens every provider billed for it.
export function OverviewCharts({ stats, base }: { stats: TOverviewStats; base: string }) {
  const { phrase } = RANGES[stats.range];
  const summary = `${totalsSentence(stats.totals)} in ${phrase}`;
  return (
    <section aria-labelledby="traffic" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="traffic" className="text-base font-semibold text-zinc-900">
          Traffic
        </h2>
        <RangeToggle base={base} current={stats.range} />
      </div>
      {stats.totals.turns === 0 ? (
        <EmptyState title={`No turns in ${phrase} yet`}>
          Send a message from the{" "}
          <Link href={`${base}/chat`} className="font-medium text-brand-700 underline">
            Chat tab
          </Link>{" "}
          and its turns, failovers and latency show here.
        </EmptyState>
      ) : (
        <>
          <ChartCard id="turns-per-hour" title="Turns per hour" note={summary}>
            <TurnsChart hours={stats.hours.map((h) => ({ ...h, hour: h.hour.getTime() }))} range={stats.range} summary={summary} />
          </ChartCard>
          <div className="grid gap-4 lg:grid-cols-2">
            <ChartCard id="answered-by" title="Answered by" note="Share of answered turns per provider">
              {stats.share.length ? <ShareChart share={stats.share} /> : <p className="text-sm text-zinc-600">No turn was answered in {phrase}.</p>}
            </ChartCard>
            <ChartCard id="latency" title="Latency per provider" note="p50 and p95 of successful calls to each provider">
              {stats.latency.length ? <LatencyChart latency={stats.latency} /> : <p className="text-sm text-zinc-600">No provider answered in {phrase}.</p>}
            </ChartCard>
          </div>
          <ChartCard id="tokens-by-provider" title="Tokens by provider" note="What each provider reported for every call, failed and retried calls included">
            {anyTokens(stats.tokens) ? <TokensTable tokens={stats.tokens} /> : <p className="text-sm text-zinc-600">No tokens recorded in this range.</p>}
          </ChartCard>
        </>
      )}
    </section>
  );
}
