// One agent of one organization: what every agent-scoped lib/ function
// takes, both ids going into the where clause of its reads and writes.
export type TAgentScope = { orgId: string; agentId: string };

// The same agent, changed by a member: userId is the actor its activity event names.
export type TAgentUserScope = TAgentScope & { userId: string };
