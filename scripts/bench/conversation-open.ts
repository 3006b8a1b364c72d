// How long the Chat tab's conversation query takes for a conversation grown
// through the API to 5,000 turns (issue 14): `node --import tsx
// scripts/bench/conversation-open.ts` against a local database of its own.
import { db } from "../../lib/db/client";
import { getConversation } from "../../lib/turns/conversations";
import { createAgentWithProviders } from "../../tests/fixtures/agents";
import { insertLongConversation } from "../../tests/fixtures/long-conversation";

const TURNS = Number(process.env.TURNS ?? 5000);
const RUNS = 10;
const t = await createAgentWithProviders();
const conversation = await insertLongConversation({ orgId: t.org.id, agentId: t.agent.id, turns: TURNS });
const open = () => getConversation({ orgId: t.org.id, agentId: t.agent.id, conversationId: conversation.id });
await open();
const times: number[] = [];
let shown = 0;
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const view = await open();
  times.push(performance.now() - started);
  shown = view.messages.length;
}
times.sort((a, b) => a - b);
const bytes = JSON.stringify(await open()).length;
console.log(
  `${TURNS} turns: open p50 ${times[RUNS / 2]!.toFixed(1)} ms, max ${times[RUNS - 1]!.toFixed(1)} ms, ${shown} messages, ${(bytes / 1024).toFixed(0)} KB`,
);
await db.$disconnect();
