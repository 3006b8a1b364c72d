import { CallerOptionsForm } from "@/components/agents/caller-options-form";
import { CallerOptionsSummary } from "@/components/agents/caller-options-summary";
import { CreateKeyForm } from "@/components/api-keys/create-key-form";
import { KeyRow } from "@/components/api-keys/key-row";
import { Card, EmptyState } from "@/components/ui/feedback";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { can } from "@/lib/auth/permissions";

import { loadAgent, type TAgentParams } from "../load-agent";
import { createApiKeyAction, revokeApiKeyAction, setCallerOptionsAction } from "./actions";

const CODE = "rounded bg-zinc-100 px-1";

export default async function AgentApiPage({ params }: TAgentParams) {
  const { org, agent: slug } = await params;
  const { ctx, agent } = await loadAgent(org, slug);
  const keys = await listApiKeys({ orgId: ctx.orgId, agentId: agent.id });
  const manage = can(ctx.role, "apikey:manage");
  const ref = { orgSlug: org, agentSlug: slug };
  const callerOptions = { callerParams: agent.callerParams, callerSystem: agent.callerSystem };
  return (
    <div className="space-y-6">
      <Card className="space-y-2 p-4 text-sm text-zinc-700 sm:p-5">
        <h2 className="text-sm font-semibold text-zinc-900">OpenAI-compatible endpoint</h2>
        <p>
          Point any OpenAI client at <code className={CODE}>/api/v1</code> of this site, with an API key below as the key and{" "}
          <code className={CODE}>{agent.slug}</code> as the model. Failovers happen inside the turn; the response headers{" "}
          <code className={CODE}>x-understudy-provider</code> and <code className={CODE}>x-understudy-failover</code> say who answered.
        </p>
      </Card>
      {manage ? (
        <Card className="p-4 sm:p-5">
          <CreateKeyForm action={createApiKeyAction.bind(null, ref)} />
        </Card>
      ) : null}
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet">
          API keys let your own applications send messages to {agent.name} over HTTP. Each key is shown once, when it is created.
        </EmptyState>
      ) : (
        <Card>
          <ul className="divide-y divide-zinc-100" aria-label="API keys">
            {keys.map((k) => (
              <KeyRow key={k.id} apiKey={k} revoke={manage ? revokeApiKeyAction.bind(null, ref, k.id) : undefined} />
            ))}
          </ul>
        </Card>
      )}
      <section aria-labelledby="caller-options">
        <Card className="p-4 sm:p-5">
          <div className="mb-4">
            <h2 id="caller-options" className="text-base font-semibold text-zinc-900">
              What callers may send
            </h2>
            <p className="mt-0.5 text-sm text-zinc-600">
              What this agent accepts from the applications that call it. Changes apply to the next request, with no restart.
            </p>
          </div>
          {can(ctx.role, "agent:manage") ? (
            <CallerOptionsForm action={setCallerOptionsAction.bind(null, ref)} current={callerOptions} />
          ) : (
            <CallerOptionsSummary current={callerOptions} />
          )}
        </Card>
      </section>
    </div>
  );
}
