import { describe, expect, it } from "vitest";

import { csvField, csvRow, eventCsvRow } from "@/lib/activity/csv";

import { parseCsv } from "../../fixtures/csv";

describe("activity CSV rows", () => {
  it("quotes only what needs quoting, doubling quotes (RFC 4180)", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvRow(["a", "b,c", ""])).toBe('a,"b,c",\r\n');
  });

  it("neutralises values a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\t=1")).toBe("'\t=1");
    expect(csvField("a=b")).toBe("a=b");
  });

  it("writes an event as time, agent, type, severity, sentence, providers, conversation and turn", () => {
    const row = eventCsvRow(
      {
        type: "failover",
        severity: "warning",
        createdAt: new Date("2026-11-23T10:00:00.123Z"),
        actorName: null,
        agent: { name: "=Support, EU" },
        credentialIds: ["c1", "c2", "gone"],
        data: { from: "OpenAI", to: "Anthropic", reason: "rate_limited", status: 429, lostMs: 5, totalMs: 20, conversationId: "conv1", turnId: "turn1" },
      },
      new Map([
        ["c1", "OpenAI"],
        ["c2", "API key …abcd"],
      ]),
    );
    expect(parseCsv(row)).toEqual([
      [
        "2026-11-23T10:00:00.123Z",
        "'=Support, EU",
        "failover",
        "warning",
        "Failed over from OpenAI to Anthropic: rate limited (429), 5 ms lost; answered in 20 ms.",
        "OpenAI; API key …abcd; (deleted provider)",
        "conv1",
        "turn1",
      ],
    ]);
  });
});
