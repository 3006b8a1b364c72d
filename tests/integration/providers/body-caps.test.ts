// The provider fetch caps every body as it is read: an error body at 64 KiB,
// one line or event of a stream at 1 MiB, a stream at 16 times
// PROVIDER_ANSWER_MAX_BYTES. Every adapter against the simulator over real
// HTTP; past a cap the attempt is a server error that says which cap, so the
// next link answers. Just under a cap, the body is read as before.
import { afterEach, describe, expect, it } from "vitest";

import { VENDORS } from "@/lib/providers/types";

import { callsOf, outcomeOf, request, SIM_VENDOR, uniqueKey, useSimulator } from "../simulator/sim-client";

const sim = useSimulator();

// Read at each call; restored after each test so the files beside it keep the default.
const answerCapBefore = process.env.PROVIDER_ANSWER_MAX_BYTES;
afterEach(() => {
  if (answerCapBefore === undefined) delete process.env.PROVIDER_ANSWER_MAX_BYTES;
  else process.env.PROVIDER_ANSWER_MAX_BYTES = answerCapBefore;
});

describe.each(VENDORS)("%s adapter", (vendor) => {
  it("fails an error body past 64 KiB as a server error saying so, not as the 400 it carried", async () => {
    const key = uniqueKey("sim-error-body-100000");
    const { outcome, error } = await outcomeOf(request(sim.url, vendor, key));
    expect(outcome).toBe("server_error");
    expect(error?.message).toBe("Server error: The provider's error body (HTTP 400) passed 64 KiB and was cut");
    expect(await callsOf(sim.url, key)).toEqual({ [SIM_VENDOR[vendor]]: 1 });
  });

  it("reads an error body just under 64 KiB as the vendor's 400", async () => {
    const { outcome, error } = await outcomeOf(request(sim.url, vendor, uniqueKey("sim-error-body-60000")));
    expect(outcome).toBe("bad_request");
    expect(error?.status).toBe(400);
  });

  it("fails a stream whose one line passes 1 MiB as a server error saying so", async () => {
    const { outcome, error } = await outcomeOf(request(sim.url, vendor, uniqueKey("sim-long-line-1200000")));
    expect(outcome).toBe("server_error");
    expect(error?.message).toBe("Server error: One event of the provider's stream passed 1 MiB and was cut");
  });

  it("takes an answer whose one line stays under 1 MiB", async () => {
    const { outcome, result } = await outcomeOf(request(sim.url, vendor, uniqueKey("sim-long-line-900000")));
    expect(outcome).toBe("ok");
    expect(result?.text.length).toBeGreaterThanOrEqual(900_000);
  });

  it("fails an endless stream of framing at 16 times PROVIDER_ANSWER_MAX_BYTES, before its text reaches the answer cap", async () => {
    process.env.PROVIDER_ANSWER_MAX_BYTES = String(64 * 1024);
    const key = uniqueKey("sim-endless-0-1");
    const { outcome, error } = await outcomeOf(request(sim.url, vendor, key, { timeoutMs: 10_000 }));
    expect(outcome).toBe("server_error");
    expect(error?.message).toBe("Server error: The provider's stream passed 1 MiB and was cut");
    expect(await callsOf(sim.url, key)).toEqual({ [SIM_VENDOR[vendor]]: 1 });
  });
});
