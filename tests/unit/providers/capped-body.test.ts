// The count behind the cap on one SSE line or event: bytes since the last
// blank line, whatever the chunks' boundaries and line endings.
import { describe, expect, it } from "vitest";

import { eventMeter } from "@/lib/providers/capped-body";

const bytes = (text: string) => new TextEncoder().encode(text);
// Whether the meter, fed these chunks in order, says the cap was passed after each.
const feed = (max: number, chunks: string[]) => {
  const over = eventMeter(max);
  return chunks.map((chunk) => over(bytes(chunk)));
};

describe("eventMeter", () => {
  it("counts an event's lines together and starts again after a blank line", () => {
    expect(feed(20, ["data: 123456789\n", "\n", "data: 123456789\n"])).toEqual([false, false, false]);
    expect(feed(20, ["data: 123456789\n", "data: 123456789\n"])).toEqual([false, true]);
  });

  it("counts a line that has not ended yet, across chunks", () => {
    expect(feed(20, ["data: 1234", "5678901234", "5"])).toEqual([false, false, true]);
  });

  it("takes CRLF endings, a blank line split across chunks included, for one ending", () => {
    expect(feed(20, ["data: 123456789\r\n\r", "\ndata: 123456789\r\n"])).toEqual([false, false]);
    expect(feed(20, ["data: 123456789\r\n", "data: 123456789\r\n"])).toEqual([false, true]);
  });

  it("does not take a line of one character other than CR for a blank one", () => {
    expect(feed(20, ["data: 12345678\nx\n", "data: 12345678\n"])).toEqual([false, true]);
  });

  it("catches an event that passes the cap and ends within one chunk", () => {
    expect(feed(20, ["data: 123456789012345678901234\n\ndata: 1\n"])).toEqual([true]);
  });
});
