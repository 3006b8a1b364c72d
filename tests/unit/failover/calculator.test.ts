import { describe, expect, it } from "vitest";

import { createBuiltinToolbox } from "@/lib/failover/builtin-tools";
import { evaluateExpression } from "@/lib/failover/calculator";

describe("evaluateExpression", () => {
  it.each([
    ["2 + 3 * 4", 14],
    ["10 - 4 - 3", 3],
    ["12 / 3 / 2", 2],
    ["(2 + 3) * 4", 20],
    ["((1 + 2) * (3 + 4)) / 7", 3],
    ["2.5 * 4", 10],
    [".5 + 1.", 1.5],
    ["0.1 + 0.2", 0.3],
    ["-3 + 5", 2],
    ["-(2 + 3) * -2", 10],
    ["  7  ", 7],
  ])("gives precedence and parentheses their usual meaning: %s = %d", (source, value) => {
    expect(evaluateExpression(source)).toEqual({ ok: true, value });
  });

  it("reports division by zero instead of returning Infinity", () => {
    expect(evaluateExpression("1 / (2 - 2)")).toEqual({ ok: false, error: "division by zero" });
  });

  it.each(["", "2 +", "(1 + 2", "1 + 2)", "1 2", "2 ** 3", "abc", "alert(1)", "1..2", "3 % 2", "1e5", "()"])("rejects junk: %j", (source) => {
    expect(evaluateExpression(source).ok).toBe(false);
  });

  it("rejects nesting deep enough to threaten the stack", () => {
    const deep = `${"(".repeat(150)}1${")".repeat(150)}`;
    expect(evaluateExpression(deep)).toEqual({ ok: false, error: "expression is nested too deeply" });
  });

  it("rejects overly long input", () => {
    expect(evaluateExpression("1+".repeat(300) + "1")).toEqual({ ok: false, error: "expression is too long" });
  });
});

describe("built-in tools", () => {
  const clock = () => new Date("2025-06-01T12:00:00.000Z");

  it("offers only the enabled tools, each with a JSON Schema for its arguments", () => {
    const toolbox = createBuiltinToolbox({ enabled: ["calculator"], clock });
    expect(toolbox.specs).toHaveLength(1);
    expect(toolbox.specs[0]).toMatchObject({ name: "calculator", parameters: { type: "object", required: ["expression"] } });
  });

  it("current_time answers the injected clock in ISO 8601", async () => {
    const toolbox = createBuiltinToolbox({ enabled: ["current_time"], clock });
    expect(await toolbox.execute({ name: "current_time", args: {} })).toBe("2025-06-01T12:00:00.000Z");
  });

  it("calculator answers the value, or the error in words", async () => {
    const toolbox = createBuiltinToolbox({ enabled: ["calculator"], clock });
    expect(await toolbox.execute({ name: "calculator", args: { expression: "6 * 7" } })).toBe("42");
    expect(await toolbox.execute({ name: "calculator", args: { expression: "1/0" } })).toBe("Error: division by zero.");
    expect(await toolbox.execute({ name: "calculator", args: {} })).toMatch(/^Error: /);
  });

  it("refuses a tool that is not enabled", async () => {
    const toolbox = createBuiltinToolbox({ enabled: ["calculator"], clock });
    expect(await toolbox.execute({ name: "current_time", args: {} })).toBe('Error: there is no tool named "current_time".');
  });
});
