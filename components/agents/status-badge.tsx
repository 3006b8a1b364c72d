import { Badge } from "@/components/ui/feedback";
import type { TDisplayStatus } from "@/lib/agents/get-agent";

const STATUS = {
  running: { label: "Running", tone: "green" },
  stopped: { label: "Stopped", tone: "gray" },
  starting: { label: "Starting", tone: "blue" },
  stopping: { label: "Stopping", tone: "blue" },
  restart_required: { label: "Restart required", tone: "amber" },
  error: { label: "Error", tone: "red" },
} as const satisfies Record<TDisplayStatus, { label: string; tone: "gray" | "green" | "amber" | "red" | "blue" }>;

export function StatusBadge({ status }: { status: TDisplayStatus }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}

// Start, Restart and Stop are applied by a worker; until then the status is pending.
export const isPending = (status: TDisplayStatus) => status === "starting" || status === "stopping";
