// What an alert says, and its three wire shapes: a webhook's JSON body, a
// Slack message and an email. Pure, so each shape is unit-tested.
import { RULE_LABELS, type TAlertRule, type TIncidentDetail } from "./rules";

export type TMessageKind = "alert" | "resolved" | "test";

export type TAlertMessage = {
  kind: TMessageKind;
  deliveryId: string;
  incident: {
    id: string;
    rule: TAlertRule;
    provider: string | null;
    detail: TIncidentDetail;
    openedAt: Date;
    resolvedAt: Date | null;
  } | null;
  organization: { slug: string; name: string };
  agent: { slug: string; name: string } | null;
  thresholdPercent: number;
  appUrl: string;
  sentAt: Date;
};

const percent = (part: number, whole: number) => Math.round((part * 100) / Math.max(whole, 1));
const because = (detail: TIncidentDetail) => (detail.cause ? ` (${detail.cause})` : "");

function alertSentence(m: TAlertMessage & { incident: NonNullable<TAlertMessage["incident"]> }, agent: string): string {
  const { rule, provider, detail } = m.incident;
  const link = provider ?? "A provider";
  switch (rule) {
    case "all_failed":
      return `Every provider of ${agent} failed${because(detail)}; its callers got an error.`;
    case "needs_attention":
      return `${link} needs attention on ${agent}${because(detail)}: check its key and quota on the Providers page.`;
    case "circuit":
      return `${link}'s circuit opened on ${agent}${because(detail)}; its turns go to the next provider until it recovers.`;
    case "failover_rate": {
      const { failedOver = 0, settled = 0 } = detail;
      return `${failedOver} of ${settled} turns of ${agent} failed over in the last 5 minutes (${percent(failedOver, settled)} %, above ${m.thresholdPercent} %).`;
    }
    case "drill_failed":
      return `A failover drill of ${agent} failed${detail.failedBackups?.length ? `: ${detail.failedBackups.join("; ")}` : ""}.`;
  }
}

function resolvedSentence(m: TAlertMessage & { incident: NonNullable<TAlertMessage["incident"]> }, agent: string): string {
  const link = m.incident.provider ?? "The provider";
  switch (m.incident.rule) {
    case "all_failed":
      return `${agent} answers again.`;
    case "needs_attention":
      return `${link} answers again on ${agent}.`;
    case "circuit":
      return `${link} recovered on ${agent}; its circuit closed.`;
    case "failover_rate":
      return `The failover rate of ${agent} is back under ${m.thresholdPercent} %.`;
    case "drill_failed":
      return `A failover drill of ${agent} passed.`;
  }
}

export function sentenceOf(m: TAlertMessage): string {
  if (m.kind === "test" || !m.incident) return `A test alert from Understudy for ${m.organization.name}: this channel works.`;
  const agent = m.agent?.name ?? "an agent";
  const incident = { ...m, incident: m.incident };
  return m.kind === "alert" ? alertSentence(incident, agent) : resolvedSentence(incident, agent);
}

export function titleOf(m: TAlertMessage): string {
  if (m.kind === "test" || !m.incident) return "Test alert";
  const title = RULE_LABELS[m.incident.rule].title;
  return m.kind === "alert" ? title : `Resolved: ${title}`;
}

// The agent's activity, or the organization's settings for a test.
export function linkOf(m: TAlertMessage): string {
  const base = m.appUrl.replace(/\/+$/, "");
  const org = encodeURIComponent(m.organization.slug);
  return m.agent ? `${base}/${org}/agents/${encodeURIComponent(m.agent.slug)}/activity` : `${base}/${org}/settings`;
}

// The webhook's body; its fields are listed in the README.
export function webhookBody(m: TAlertMessage) {
  return {
    type: m.kind,
    delivery_id: m.deliveryId,
    incident_id: m.incident?.id ?? null,
    rule: m.incident?.rule ?? null,
    title: titleOf(m),
    text: sentenceOf(m),
    organization: m.organization,
    agent: m.agent,
    provider: m.incident?.provider ?? null,
    url: linkOf(m),
    opened_at: m.incident?.openedAt.toISOString() ?? null,
    resolved_at: m.incident?.resolvedAt?.toISOString() ?? null,
    sent_at: m.sentAt.toISOString(),
  };
}

// Slack's mrkdwn treats these three as markup; names are tenants' text.
const slackEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const ICONS: Record<TMessageKind, string> = { alert: ":rotating_light:", resolved: ":white_check_mark:", test: ":wave:" };

// An incoming webhook's message: `text` for notifications, Block Kit for the channel.
export function slackPayload(m: TAlertMessage) {
  const title = `${ICONS[m.kind]} ${titleOf(m)}`;
  const sentence = slackEscape(sentenceOf(m));
  const context = [`*Organization:* ${slackEscape(m.organization.name)}`];
  if (m.agent) context.push(`*Agent:* ${slackEscape(m.agent.name)}`);
  if (m.incident?.provider) context.push(`*Provider:* ${slackEscape(m.incident.provider)}`);
  return {
    text: `${title}: ${sentence}`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: titleOf(m), emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: `${sentence}\n<${linkOf(m)}|Open in Understudy>` } },
      { type: "context", elements: context.map((text) => ({ type: "mrkdwn", text })) },
    ],
  };
}

export function emailOf(m: TAlertMessage): { subject: string; text: string } {
  const lines = [sentenceOf(m), "", `Organization: ${m.organization.name}`];
  if (m.agent) lines.push(`Agent: ${m.agent.name}`);
  if (m.incident?.provider) lines.push(`Provider: ${m.incident.provider}`);
  lines.push("", linkOf(m), "", "You get this because an admin of the organization added this address as an alert channel in Understudy.");
  return { subject: `[Understudy] ${titleOf(m)}${m.agent ? ` · ${m.agent.name}` : ""}`, text: lines.join("\n") };
}
