import { Badge, EmptyState } from "@/components/ui/feedback";
import type { listDeliveries } from "@/lib/alerts/deliveries";
import { RULE_LABELS } from "@/lib/alerts/rules";

type TDelivery = Awaited<ReturnType<typeof listDeliveries>>[number];

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const COLUMNS = ["Time (UTC)", "Channel", "Message", "Status", "Attempts", "Status code", "Error"];
const STATUS_TONES = { delivered: "green", failed: "red", pending: "amber" } as const;
const STATUS_LABELS = { delivered: "Delivered", failed: "Failed", pending: "Pending" } as const;

function whatOf(d: TDelivery): string {
  if (d.kind === "test" || !d.incident) return "Test alert";
  const title = RULE_LABELS[d.incident.rule].title;
  const subject = [d.incident.agent.name, d.incident.label].filter(Boolean).join(" · ");
  return `${d.kind === "resolved" ? "Resolved: " : ""}${title} (${subject})`;
}

// Latest first: every message to every channel, its attempts, the last
// status code the receiver answered and the last error.
export function DeliveryLog({ deliveries }: { deliveries: TDelivery[] }) {
  if (deliveries.length === 0) {
    return <EmptyState title="No deliveries yet">Alerts and test alerts show here as they are sent, with the receiver&apos;s answer.</EmptyState>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Delivery log, latest first</caption>
        <thead className="border-b border-zinc-200 text-xs text-zinc-500">
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col" className="px-3 py-2 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {deliveries.map((d) => (
            <tr key={d.id}>
              <td className="px-3 py-2 whitespace-nowrap text-zinc-600">{time.format(d.createdAt)}</td>
              <td className="px-3 py-2">{d.channel.name}</td>
              <td className="px-3 py-2">{whatOf(d)}</td>
              <td className="px-3 py-2">
                <Badge tone={STATUS_TONES[d.status]}>{STATUS_LABELS[d.status]}</Badge>
              </td>
              <td className="px-3 py-2 tabular-nums">{d.attempts}</td>
              <td className="px-3 py-2 tabular-nums">{d.lastStatusCode ?? "—"}</td>
              <td className="px-3 py-2 text-zinc-600">{d.lastError ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
