import type { Metadata } from "next";

import { AddProvider } from "@/components/providers/add-provider";
import { ProviderActions } from "@/components/providers/provider-actions";
import { ProviderSummary } from "@/components/providers/provider-summary";
import { Card, EmptyState, PageHeader } from "@/components/ui/feedback";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";
import { listCredentials } from "@/lib/credentials/list-credentials";

import { createProviderAction, deleteProviderAction, replaceKeyAction, testProviderAction, updateProviderAction } from "./actions";

export const metadata: Metadata = { title: "Providers · Understudy" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export default async function ProvidersPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireMembership((await params).org);
  const providers = await listCredentials({ orgId: ctx.orgId });
  const manage = can(ctx.role, "provider:manage");
  const add = manage ? <AddProvider action={createProviderAction.bind(null, { orgSlug: ctx.orgSlug })} /> : null;
  return (
    <>
      <PageHeader
        title="Providers"
        description="LLM provider credentials saved once for the whole organization. Keys are encrypted and never shown again."
        actions={providers.length ? add : null}
      />
      {providers.length === 0 ? (
        <EmptyState title="No saved providers yet" action={add}>
          Save an API key once here, then use it as any agent&apos;s primary or backup.
          {manage ? null : " Ask an admin to add one."}
        </EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Saved providers">
          {providers.map((p) => (
            <li key={p.id} aria-label={p.name}>
              <Card className="p-4 sm:p-5">
                <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
                  <ProviderSummary
                    heading="h2"
                    name={p.name}
                    vendor={p.vendor}
                    details={[
                      { term: "Model", value: p.defaultModel },
                      { term: "Key", value: p.keyHint, mono: true },
                      { term: "Base URL", value: p.baseUrl },
                    ]}
                  >
                    <p className="text-xs text-zinc-500">
                      Added {p.createdByName ? `by ${p.createdByName} ` : ""}on {dateFormat.format(p.createdAt)} · Used by {p.usedByAgents}{" "}
                      {p.usedByAgents === 1 ? "agent" : "agents"}
                    </p>
                  </ProviderSummary>
                  {manage ? (
                    <div className="sm:max-w-xs">
                      <ProviderActions
                        provider={{ name: p.name, vendor: p.vendor, defaultModel: p.defaultModel, baseUrl: p.baseUrl }}
                        test={testProviderAction.bind(null, { orgSlug: ctx.orgSlug }, p.id)}
                        update={updateProviderAction.bind(null, { orgSlug: ctx.orgSlug, credentialId: p.id })}
                        replaceKey={replaceKeyAction.bind(null, { orgSlug: ctx.orgSlug, credentialId: p.id })}
                        remove={deleteProviderAction.bind(null, { orgSlug: ctx.orgSlug }, p.id)}
                      />
                    </div>
                  ) : null}
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
