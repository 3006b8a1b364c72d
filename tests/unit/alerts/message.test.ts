import { createHmac } from "node:crypto";

import { describe, expect, it } from "vitest";

import { emailOf, slackPayload, type TAlertMessage, webhookBody } from "@/lib/alerts/message";
import { signatureHeader } from "@/lib/alerts/signature";

const opened = new Date("2026-11-30T10:00:00Z");
const message = (over: Partial<TAlertMessage> = {}): TAlertMessage => ({
  kind: "alert",
  deliveryId: "del_1",
  incident: { id: "inc_1", rule: "circuit", provider: "OpenAI <prod> & co", detail: { cause: "server_error (500)" }, openedAt: opened, resolvedAt: null },
  organization: { slug: "acme", name: "Acme" },
  agent: { slug: "support", name: "Support" },
  thresholdPercent: 20,
  appUrl: "https://app.example.com/",
  sentAt: new Date("2026-11-30T10:00:05Z"),
  ...over,
});

describe("the Slack payload", () => {
  it("is a plain-text fallback and three Block Kit blocks: header, section with the link, context", () => {
    const payload = slackPayload(message());
    expect(payload.text).toBe(
      ":rotating_light: A circuit opened: OpenAI &lt;prod&gt; &amp; co's circuit opened on Support (server_error (500)); its turns go to the next provider until it recovers.",
    );
    expect(payload.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "A circuit opened", emoji: true } },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text:
            "OpenAI &lt;prod&gt; &amp; co's circuit opened on Support (server_error (500)); its turns go to the next provider until it recovers.\n" +
            "<https://app.example.com/acme/agents/support/activity|Open in Understudy>",
        },
      },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: "*Organization:* Acme" },
          { type: "mrkdwn", text: "*Agent:* Support" },
          { type: "mrkdwn", text: "*Provider:* OpenAI &lt;prod&gt; &amp; co" },
        ],
      },
    ]);
  });

  it("says resolved, and a test names only the organization and links to its settings", () => {
    expect(slackPayload(message({ kind: "resolved" })).blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Resolved: A circuit opened", emoji: true },
    });
    const test = slackPayload(message({ kind: "test", incident: null, agent: null }));
    expect(test.text).toBe(":wave: Test alert: A test alert from Understudy for Acme: this channel works.");
    expect(test.blocks[1]).toMatchObject({ text: { text: expect.stringContaining("<https://app.example.com/acme/settings|Open in Understudy>") } });
    expect(test.blocks[2]).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "*Organization:* Acme" }] });
  });
});

describe("the webhook body and the email", () => {
  it("carry the rule, the organization, the agent, the provider, the sentence and the times", () => {
    const failoverRate = message({
      incident: { id: "inc_2", rule: "failover_rate", provider: null, detail: { failedOver: 3, settled: 10 }, openedAt: opened, resolvedAt: null },
    });
    expect(webhookBody(failoverRate)).toEqual({
      type: "alert",
      delivery_id: "del_1",
      incident_id: "inc_2",
      rule: "failover_rate",
      title: "Failover rate above the threshold",
      text: "3 of 10 turns of Support failed over in the last 5 minutes (30 %, above 20 %).",
      organization: { slug: "acme", name: "Acme" },
      agent: { slug: "support", name: "Support" },
      provider: null,
      url: "https://app.example.com/acme/agents/support/activity",
      opened_at: "2026-11-30T10:00:00.000Z",
      resolved_at: null,
      sent_at: "2026-11-30T10:00:05.000Z",
    });
    expect(emailOf(failoverRate)).toMatchObject({
      subject: "[Understudy] Failover rate above the threshold · Support",
      text: expect.stringContaining("Agent: Support"),
    });
  });
});

describe("the signature header", () => {
  it("is t=<timestamp>,v1=<HMAC-SHA256 of timestamp.body under the secret, hex>", () => {
    const body = JSON.stringify({ type: "test" });
    const header = signatureHeader({ secret: "whsec_abc", timestamp: 1764496800, body });
    const expected = createHmac("sha256", "whsec_abc").update(`1764496800.${body}`).digest("hex");
    expect(header).toBe(`t=1764496800,v1=${expected}`);
    expect(signatureHeader({ secret: "whsec_other", timestamp: 1764496800, body })).not.toBe(header);
    expect(signatureHeader({ secret: "whsec_abc", timestamp: 1764496801, body })).not.toBe(header);
  });
});
