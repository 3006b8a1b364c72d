import type { ReactNode } from "react";

import { AnsweringForm } from "@/components/agents/answering-form";
import { AnsweringSummary } from "@/components/agents/answering-summary";
import { AddBackup } from "@/components/agents/backup-actions";
import { BackupForm, type TBackupSetup } from "@/components/agents/backup-form";
import { BackupList } from "@/components/agents/backup-list";
import { ChangePrimary } from "@/components/agents/change-primary";
import { ChangesNotice } from "@/components/agents/changes-notice";
import { LinkDetails } from "@/components/agents/link-details";
import { Card } from "@/components/ui/feedback";
import { MAX_BACKUPS } from "@/lib/agents/schemas";
import { can } from "@/lib/auth/permissions";
import { listCredentials } from "@/lib/credentials/list-credentials";

import { controlAgentAction, moveBackupAction, removeBackupAction, setAnsweringAction, setBackupAction, setPrimaryAction } from "../../actions";
import { loadAgent, type TAgentParams } from "../load-agent";

function Section({ id, title, description, action, children }: { id: string; title: string; description: string; action?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Card className="p-4 sm:p-5">
        <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div>
            <h2 id={id} className="text-base font-semibold text-zinc-900">
              {title}
            </h2>
            <p className="mt-0.5 text-sm text-zinc-600">{description}</p>
          </div>
          {action ? <div className="shrink-0 self-start">{action}</div> : null}
        </div>
        {children}
      </Card>
    </section>
  );
}

export default async function AgentProviderPage({ params }: TAgentParams) {
  const { org, agent: slug } = await params;
  const { ctx, agent } = await loadAgent(org, slug);
  const manage = can(ctx.role, "agent:manage");
  const ref = { orgSlug: ctx.orgSlug, agentSlug: agent.slug };
  const primary = agent.chain.find((l) => l.position === 0);
  const backups = agent.chain.filter((l) => l.position > 0);
  const saved = manage ? (await listCredentials({ orgId: ctx.orgId })).map(({ id, vendor, name, defaultModel }) => ({ id, vendor, name, defaultModel })) : [];
  const setup: TBackupSetup = {
    action: setBackupAction.bind(null, ref),
    saved,
    usedVendors: agent.chain.map((l) => l.vendor),
    providersHref: `/${ctx.orgSlug}/providers`,
  };
  const notice = agent.runningVersion === null ? "start" : agent.pendingChanges ? "restart" : null;
  // A saved provider's link is labelled with its (unique) name.
  const primaryId = primary && !primary.pasted ? saved.find((p) => p.vendor === primary.vendor && p.name === primary.label)?.id : undefined;
  const answering = { turnBudgetMs: agent.turnBudgetMs, onBreak: agent.onBreak };

  return (
    <div className="space-y-6">
      {manage && notice ? <ChangesNotice kind={notice} starting={agent.status === "starting"} control={controlAgentAction.bind(null, ref)} /> : null}
      <Section
        id="primary-provider"
        title="Primary Provider"
        description="Answers every turn first."
        action={
          manage ? (
            <ChangePrimary
              action={setPrimaryAction.bind(null, ref)}
              providers={saved}
              current={primary ? { ...primary, credentialId: primaryId } : undefined}
            />
          ) : null
        }
      >
        {primary ? <LinkDetails link={primary} /> : <p className="text-sm text-zinc-600">No primary provider is set, so the agent cannot start.</p>}
      </Section>
      <Section
        id="backup-provider"
        title="Backup Provider"
        description={
          "Answers the same turn when the primary errors, times out, is rate-limited or returns an unusable answer. " + `Up to ${MAX_BACKUPS}, tried in order.`
        }
        action={manage && backups.length > 0 && backups.length < MAX_BACKUPS ? <AddBackup setup={setup} /> : null}
      >
        {backups.length > 0 ? (
          <BackupList
            backups={backups}
            edits={manage ? { setup, move: moveBackupAction.bind(null, ref), remove: removeBackupAction.bind(null, ref) } : undefined}
          />
        ) : manage ? (
          <BackupForm setup={setup} />
        ) : (
          <p className="text-sm text-zinc-600">No backup provider. If the primary fails, the turn fails.</p>
        )}
      </Section>
      <Section id="answering" title="Answering" description="How one turn runs across the whole chain, and what happens when an answer stops mid-stream.">
        {manage ? <AnsweringForm action={setAnsweringAction.bind(null, ref)} current={answering} /> : <AnsweringSummary current={answering} />}
      </Section>
    </div>
  );
}
