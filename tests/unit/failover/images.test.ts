// A link whose model reads text only is skipped when the turn has images.
import { describe, expect, it } from "vitest";

import { runTurn } from "@/lib/failover/run-turn";
import type { TMessage } from "@/lib/providers/types";

import { makeDeps, makeLink, scriptedCall, USER_MESSAGE } from "./fake-provider";

const textOnly = makeLink("primary", { takesImages: false });
const seesImages = makeLink("backup", { takesImages: true });
const picture: TMessage = { role: "user", content: "What is in this picture?", images: [{ url: "https://example.com/cat.png" }] };

describe("runTurn with images", () => {
  it("skips a text-only link without calling it, as a bad request, and the backup answers", async () => {
    const fake = scriptedCall({ primary: [{ text: "never asked" }], backup: [{ text: "A cat." }] });

    const result = await runTurn({ links: [textOnly, seesImages], messages: [picture], deps: makeDeps({ call: fake.call }) });

    expect(fake.requestsFor("primary")).toHaveLength(0);
    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-backup" }, failedOver: true });
    expect(result.attempts).toEqual([
      {
        linkId: "link-primary",
        label: "Provider primary",
        model: "primary",
        outcome: "bad_request",
        startedAt: expect.any(Number),
        latencyMs: 0,
        skipped: "no_images",
        message: "The conversation has images and primary reads text only",
        step: 0,
      },
      expect.objectContaining({ linkId: "link-backup", outcome: "ok" }),
    ]);
    expect(fake.requestsFor("backup")[0]?.messages).toEqual([picture]);
  });

  it("counts images in an earlier user message of the conversation too", async () => {
    const fake = scriptedCall({ backup: [{ text: "Still a cat." }] });
    const messages: TMessage[] = [picture, { role: "assistant", content: "A cat." }, { role: "user", content: "Sure?" }];

    const result = await runTurn({ links: [textOnly, seesImages], messages, deps: makeDeps({ call: fake.call }) });

    expect(result.attempts.map((attempt) => attempt.skipped)).toEqual(["no_images", undefined]);
  });

  it("calls a text-only link when no message has images, and a link not known to be text-only when one has", async () => {
    const fake = scriptedCall({ primary: [{ text: "14" }], unknown: [{ text: "A cat." }] });

    const plain = await runTurn({
      links: [textOnly, seesImages],
      messages: [USER_MESSAGE, { role: "user", content: "", images: [] }],
      deps: makeDeps({ call: fake.call }),
    });
    const pictured = await runTurn({ links: [makeLink("unknown")], messages: [picture], deps: makeDeps({ call: fake.call }) });

    expect(plain).toMatchObject({ ok: true, answeredBy: { linkId: "link-primary" } });
    expect(pictured).toMatchObject({ ok: true, answeredBy: { linkId: "link-unknown" } });
  });

  it("with only text-only links the turn fails with the primary's reason, and no provider is called", async () => {
    const fake = scriptedCall({});

    const result = await runTurn({ links: [textOnly, makeLink("backup", { takesImages: false })], messages: [picture], deps: makeDeps({ call: fake.call }) });

    expect(fake.requests).toHaveLength(0);
    expect(result).toMatchObject({
      ok: false,
      terminal: "all_failed",
      error: { outcome: "bad_request", message: "The conversation has images and primary reads text only" },
    });
    expect(result.attempts.map((attempt) => attempt.skipped)).toEqual(["no_images", "no_images"]);
  });
});
