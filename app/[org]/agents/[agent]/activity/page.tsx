import { EventList, TypeFilter } from "@/components/activity/event-list";
import { decodeCursor, listEvents } from "@/lib/activity/list-events";
import { loadAgent, type TAgentParams } from "../load-agent";

export default async function AgentActivityPage({ params, searchParams }: TAgentParams & { searchParams: Promise<{ type?: string; cursor?: string }> }) {
  const [{ org, agent: slug }, query] = await Promise.all([params, searchParams]);
  const { ctx, agent } = await loadAgent(org, slug);
  const { events, nextCursor } = await listEvents({ orgId: ctx.orgId, agentId: agent.id, types: query.type ? [query.type] : undefined, cursor: decodeCursor(query.cursor) });
  const older = nextCursor ? `?${new URLSearchParams({ ...(query.type ? { type: query.type } : {}), cursor: nextCursor })}` : null;
  return (
    <>
      <TypeFilter current={query.type} />
      <EventList orgSlug={org} events={events} showAgent={false} olderHref={older} />
    </>
  );
}
