import type { TAgentDetail } from "@/lib/agents/get-agent";
import { linkName } from "@/lib/agents/runtime";

import { LinkDetails } from "./link-details";

// What the agent answers with right now: the chain frozen at its last
// (re)start, which can differ from the chain on the AI Provider tab.
export function RunningChain({ agent }: { agent: Pick<TAgentDetail, "displayStatus" | "running"> }) {
  const answering = agent.displayStatus === "running" || agent.displayStatus === "restart_required" || agent.displayStatus === "stopping";
  if (!answering || !agent.running) {
    const why = agent.displayStatus === "starting" ? "It is starting." : agent.displayStatus === "error" ? "It failed to start." : "It is stopped.";
    return <p className="text-sm text-zinc-600">Not answering. {why} Once started, it answers with the chain on the AI Provider tab.</p>;
  }
  return (
    <ol className="space-y-3" aria-label="Running chain">
      {agent.running.links.map((link, index) => (
        <li key={`${index}-${link.credentialId}`} aria-label={linkName(index)} className="rounded-md border border-zinc-200 px-3 py-2.5">
          <p className="mb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">{linkName(index)}</p>
          <LinkDetails link={link} />
        </li>
      ))}
    </ol>
  );
}
