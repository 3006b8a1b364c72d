import { describe, expect, it } from "vitest";

import { feedQueryString, isFiltered, parseFeedQuery, parseInstant, timeBounds } from "@/lib/activity/feed-filter";

const parse = (qs: string) => parseFeedQuery(new URLSearchParams(qs));

describe("activity filters in the URL", () => {
  it("reads every filter from a shared URL", () => {
    expect(parse("type=failover&severity=warning&agent=support-bot&provider=cm3abc_-9&range=24h")).toEqual({
      type: "failover",
      severity: "warning",
      agent: "support-bot",
      provider: "cm3abc_-9",
      range: "24h",
    });
  });

  it("falls back to no filter for each value it cannot read, keeping the good ones", () => {
    expect(parse("type=drop_table&severity=fatal&agent=Not%20A%20Slug&provider=%3Cscript%3E&range=forever&from=yesterday")).toEqual({ range: "any" });
    expect(parse("type=&severity=error&range=")).toEqual({ severity: "error", range: "any" });
    expect(parse("")).toEqual({ range: "any" });
  });

  it("takes the first of repeated parameters, as Next hands them to a page", () => {
    expect(parseFeedQuery({ type: ["key_added", "failover"], severity: undefined })).toEqual({ type: "key_added", range: "any" });
  });

  it("reads a custom range in UTC, and drops it when it has no bound or its bounds are reversed", () => {
    expect(parse("range=custom&from=2026-11-23T10:00&to=2026-11-23T12:30")).toEqual({
      range: "custom",
      from: new Date("2026-11-23T10:00:00Z"),
      to: new Date("2026-11-23T12:30:00Z"),
    });
    expect(parse("range=custom&from=2026-11-23T10:00:00.000%2B02:00")).toEqual({ range: "custom", from: new Date("2026-11-23T08:00:00Z"), to: undefined });
    expect(parse("range=custom")).toEqual({ range: "any" });
    expect(parse("range=custom&from=2026-11-24T00:00&to=2026-11-23T00:00")).toEqual({ range: "any" });
    expect(parse("range=custom&from=2026-13-45T99:99")).toEqual({ range: "any" });
    expect(parse("range=1h&from=2026-11-23T10:00")).toEqual({ range: "1h" });
  });

  it("only accepts instants it can read unambiguously", () => {
    expect(parseInstant("2026-11-23T10:00:05.123Z")).toEqual(new Date("2026-11-23T10:00:05.123Z"));
    for (const bad of ["2026-11-23", "1700000000", "Mon Nov 23 2026", "2026-11-23T10:00Zjunk", undefined]) expect(parseInstant(bad)).toBeUndefined();
  });

  it("writes a filter back as the query string that reproduces it", () => {
    const query = parse("severity=error&provider=p1&range=custom&from=2026-11-23T10:00");
    const qs = feedQueryString(query, { cursor: "abc" });
    expect(qs).toBe("severity=error&provider=p1&range=custom&from=2026-11-23T10%3A00%3A00.000Z&cursor=abc");
    expect(parseFeedQuery(new URLSearchParams(qs))).toEqual(query);
    expect(feedQueryString({ range: "any" })).toBe("");
  });

  it("turns relative ranges into bounds from now", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(timeBounds({ range: "1h" }, now)).toEqual({ from: new Date("2026-11-23T11:00:00Z") });
    expect(timeBounds({ range: "7d" }, now)).toEqual({ from: new Date("2026-11-16T12:00:00Z") });
    expect(timeBounds({ range: "any" }, now)).toEqual({});
    expect(isFiltered({ range: "any" })).toBe(false);
    expect(isFiltered({ range: "24h" })).toBe(true);
  });
});
