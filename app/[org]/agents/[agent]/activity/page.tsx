import { EmptyState } from "@/components/ui/feedback";
import { loadAgent, type TAgentParams } from "../load-agent";

export default async function AgentActivityPage({ params }: TAgentParams) {
  const { org, agent: slug } = await params;
  const { agent } = await loadAgent(org, slug);
  return (
    <EmptyState title="No activity yet">
      Failovers, restarts and provider changes of {agent.name} will appear here as they happen, with what happened and why.
    </EmptyState>
  );
}
