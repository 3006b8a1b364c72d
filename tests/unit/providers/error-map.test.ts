import { describe, expect, it } from "vitest";

import { classifyHttpError, ERROR_RULES, isNetworkFailure, matchErrorRule, parseErrorBody } from "@/lib/providers/error-map";

import { ERROR_FIXTURES } from "./error-fixtures";

describe("error map rows", () => {
  it.each(ERROR_FIXTURES)("$vendor: $name → $outcome (row $rule)", (fixture) => {
    const facts = { vendor: fixture.vendor, status: fixture.status, body: fixture.body };
    expect(matchErrorRule(facts)?.id).toBe(fixture.rule);
    expect(classifyHttpError(facts)).toBe(fixture.outcome);
  });

  it("has a fixture for every row and every vendor the row names", () => {
    const covered = new Set(ERROR_FIXTURES.map((f) => `${f.rule} / ${f.vendor}`));
    const missing = ERROR_RULES.flatMap((rule) => rule.vendors.map((vendor) => `${rule.id} / ${vendor}`)).filter((key) => !covered.has(key));
    expect(missing).toEqual([]);
  });

  it("names every row once", () => {
    const ids = ERROR_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("classifyHttpError fallbacks", () => {
  it("treats an error with neither status nor a known body as a server error", () => {
    expect(classifyHttpError({ vendor: "openai", body: "something odd" })).toBe("server_error");
  });

  it("does not apply another vendor's body rule", () => {
    const body = JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
    expect(matchErrorRule({ vendor: "openai", body })).toBeUndefined();
  });
});

describe("parseErrorBody", () => {
  it("reads the OpenAI shape", () => {
    const body = parseErrorBody('{"error":{"message":"m","type":"t","param":null,"code":"c"}}');
    expect(body).toMatchObject({ message: "m", type: "t", code: "c" });
  });

  it("reads the Anthropic shape", () => {
    expect(parseErrorBody('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')).toMatchObject({
      type: "overloaded_error",
      message: "Overloaded",
    });
  });

  it("reads the Gemini shape, including reasons, quota ids and the numeric code", () => {
    const raw = JSON.stringify([
      { error: { code: 429, status: "RESOURCE_EXHAUSTED", message: "m", details: [{ reason: "R" }, { violations: [{ quotaId: "Q" }] }] } },
    ]);
    expect(parseErrorBody(raw)).toMatchObject({ status: "RESOURCE_EXHAUSTED", numericCode: 429, reasons: ["R"], quotaIds: ["Q"] });
  });

  it("keeps a non-JSON body as the message", () => {
    expect(parseErrorBody("Bad Gateway").message).toBe("Bad Gateway");
  });
});

describe("isNetworkFailure", () => {
  const withCause = (message: string, cause: unknown) => Object.assign(new TypeError(message), { cause });

  it.each([
    ["connection refused", withCause("fetch failed", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }))],
    ["connection reset", withCause("fetch failed", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }))],
    ["DNS failure", withCause("fetch failed", Object.assign(new Error("getaddrinfo ENOTFOUND api.example"), { code: "ENOTFOUND" }))],
    ["socket closed by the other side", withCause("terminated", Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }))],
    ["a wrapper two levels up", new Error("Cannot connect to API", { cause: withCause("fetch failed", { code: "EAI_AGAIN" }) })],
  ])("recognises %s", (_name, error) => {
    expect(isNetworkFailure(error)).toBe(true);
  });

  it("does not treat other errors as network failures", () => {
    expect(isNetworkFailure(new Error("Unexpected token < in JSON"))).toBe(false);
    expect(isNetworkFailure("ECONNREFUSED")).toBe(false);
  });
});
