// One batch of the events no turn writes: recoveries the background prober
// saw (lib/turns/probe-circuits.ts), restarts (lib/agents/apply-control.ts),
// chain edits (lib/agents/chain-tx.ts, set-tools.ts) and pasted keys
// (lib/agents/set-backup.ts), with the data and provider ids those writers set.
// Parameters: $1 org id, $2 first index, $3 index after the last, $4 actor ids.
import { cuidSql, momentSql, type TClock } from "./clock";
import { scrambleStep, type TEventPlan } from "./mix";

export function eventBatchSql({ plan, agents, pastedAgents, clock }: { plan: TEventPlan; agents: number; pastedAgents: number[]; clock: TClock }) {
  const recoveredEnd = plan.proberRecovered;
  const restartedEnd = recoveredEnd + plan.restarted;
  const keyAddedEnd = restartedEnd + plan.keyAdded;
  // Index j happens at moment j / total (in order, like the turns); the type
  // comes from a scrambled index so every type is spread over the window.
  const total = Math.max(1, recoveredEnd + plan.restarted + plan.keyAdded + plan.chainChanged);
  // Keys are only ever pasted for the agents that have one.
  const keyAgent = pastedAgents.length ? `(ARRAY[${pastedAgents.join(",")}])[1 + floor(rk * ${pastedAgents.length})::int]` : "0";
  return `
WITH e0 AS MATERIALIZED (
  SELECT j, CASE WHEN p < ${recoveredEnd} THEN 'provider_recovered' WHEN p < ${restartedEnd} THEN 'agent_restarted'
                 WHEN p < ${keyAddedEnd} THEN 'key_added' ELSE 'chain_changed' END AS type,
         (j + random()) / ${total} AS u, random() AS r, random() AS ra, random() AS rk, random() AS rv,
         ($4::text[])[1 + floor(random() * cardinality($4::text[]))::int] AS actor_id
  FROM generate_series($2::int, $3::int - 1) AS j, LATERAL (SELECT (j::bigint * ${scrambleStep(total)} + ${Math.floor(total / 3)}) % ${total} AS p) AS scrambled
), e AS MATERIALIZED (
  SELECT e0.*, CASE WHEN type = 'key_added' THEN ${keyAgent} ELSE floor(${agents} * power(ra, 1.6))::int END AS agent_no,
         ${momentSql(clock, "u")} AS created_at
  FROM e0
), ins AS (
  INSERT INTO activity_events (id, org_id, agent_id, type, severity, actor_id, data, credential_ids, created_at)
  SELECT ${cuidSql("e.created_at")}, $1,
         -- The prober writes a saved provider's recovery for the whole organization (its credential has no agent).
         CASE WHEN e.type = 'provider_recovered' AND NOT l.pasted THEN NULL ELSE a.agent_id END,
         e.type, 'info', CASE WHEN e.type <> 'provider_recovered' THEN e.actor_id END,
         CASE e.type
           WHEN 'provider_recovered' THEN jsonb_build_object('provider', l.label, 'circuitKey', l.credential_id || '|' || l.model, 'by', 'prober')
           WHEN 'agent_restarted' THEN jsonb_build_object('version', 2 + floor(rv * 40)::int,
                                                          'previous', CASE WHEN r < 0.4 THEN a.previous_list ELSE a.next_list END,
                                                          'next', a.next_list, 'changed', r < 0.4)
           WHEN 'key_added' THEN jsonb_build_object('vendor', a.pasted_vendor, 'hint', a.pasted_hint)
           ELSE CASE WHEN r < 0.2 THEN jsonb_build_object('change', 'Tools enabled: current_time, calculator')
                     ELSE jsonb_build_object('change', a.change, 'chain', a.chain, 'sentence', a.sentence) END
         END,
         CASE e.type WHEN 'provider_recovered' THEN ARRAY[l.credential_id] WHEN 'key_added' THEN ARRAY[a.pasted_credential] ELSE '{}'::text[] END,
         e.created_at
  FROM e JOIN seed_agents a USING (agent_no) JOIN seed_links l ON l.agent_no = e.agent_no AND l.position = floor(e.r * a.n_links)::int
  RETURNING 1
)
SELECT count(*)::int AS events FROM ins`;
}
