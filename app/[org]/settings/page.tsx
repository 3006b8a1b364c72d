import type { Metadata } from "next";

import { AutoRefresh } from "@/components/agents/auto-refresh";
import { AddChannelForm } from "@/components/alerts/add-channel-form";
import { ChannelRow } from "@/components/alerts/channel-row";
import { DeliveryLog } from "@/components/alerts/delivery-log";
import { RulesForm } from "@/components/alerts/rules-form";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/feedback";
import { listChannels } from "@/lib/alerts/channels";
import { listDeliveries } from "@/lib/alerts/deliveries";
import { ALERT_RULES, RULE_LABELS } from "@/lib/alerts/rules";
import { readAlertSettings } from "@/lib/alerts/settings";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";
import { mailEnabled } from "@/lib/mail/send-mail";

import { createChannelAction, deleteChannelAction, resendRecipientLinkAction, saveAlertSettingsAction, sendTestAlertAction } from "./actions";

export const metadata: Metadata = { title: "Settings · Understudy" };

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireMembership((await params).org);
  const [channels, settings, deliveries] = await Promise.all([
    listChannels({ orgId: ctx.orgId }),
    readAlertSettings({ orgId: ctx.orgId }),
    listDeliveries({ orgId: ctx.orgId }),
  ]);
  const manage = can(ctx.role, "alerts:manage");
  const ref = { orgSlug: ctx.orgSlug };
  const rules = ALERT_RULES.map((rule) => ({ value: rule, ...RULE_LABELS[rule], enabled: !settings.disabledRules.includes(rule) }));
  return (
    <>
      <PageHeader
        title="Settings"
        description="Alerts: where they go, what raises them, and what was sent. One alert per incident, then one message when it recovers."
      />
      <AutoRefresh active={deliveries.some((d) => d.status === "pending")} intervalMs={2000} />
      <section aria-labelledby="channels-heading" className="mb-6">
        <h2 id="channels-heading" className="mb-2 text-base font-semibold text-zinc-900">
          Alert channels
        </h2>
        <Card>
          {channels.length === 0 ? (
            <EmptyState title="No alert channels yet">
              Add a webhook, a Slack channel{mailEnabled() ? " or email addresses" : ""} to hear of an outage before your users do.
              {manage ? null : " Ask an admin to add one."}
            </EmptyState>
          ) : (
            <ul aria-label="Alert channels" className="divide-y divide-zinc-100">
              {channels.map((c) => (
                <ChannelRow
                  key={c.id}
                  channel={{ ...c, createdByName: c.createdBy?.name ?? null }}
                  test={manage ? sendTestAlertAction.bind(null, ref, c.id) : undefined}
                  remove={manage ? deleteChannelAction.bind(null, ref, c.id) : undefined}
                  resend={manage && mailEnabled() ? resendRecipientLinkAction.bind(null, ref) : undefined}
                />
              ))}
            </ul>
          )}
          {manage ? (
            <div className="border-t border-zinc-100 p-4">
              <h3 className="mb-3 text-sm font-semibold text-zinc-900">Add a channel</h3>
              <AddChannelForm action={createChannelAction.bind(null, ref)} emailEnabled={mailEnabled()} />
            </div>
          ) : null}
        </Card>
      </section>
      <section aria-labelledby="rules-heading" className="mb-6">
        <h2 id="rules-heading" className="mb-2 text-base font-semibold text-zinc-900">
          Rules
        </h2>
        <Card className="p-4">
          {manage ? (
            <RulesForm action={saveAlertSettingsAction.bind(null, ref)} rules={rules} thresholdPercent={settings.failoverRatePercent} />
          ) : (
            <ul aria-label="Alert rules" className="space-y-2 text-sm">
              {rules.map((r) => (
                <li key={r.value} className="flex items-center gap-2">
                  <Badge tone={r.enabled ? "green" : "gray"}>{r.enabled ? "On" : "Off"}</Badge>
                  {r.title}
                  {r.value === "failover_rate" ? ` (threshold ${settings.failoverRatePercent} %)` : ""}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </section>
      <section aria-labelledby="log-heading">
        <h2 id="log-heading" className="mb-2 text-base font-semibold text-zinc-900">
          Delivery log
        </h2>
        <Card>
          <DeliveryLog deliveries={deliveries} />
        </Card>
      </section>
    </>
  );
}
