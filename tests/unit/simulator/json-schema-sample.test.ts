import Ajv from "ajv";
import { describe, expect, it } from "vitest";

import { brokenValue, sampleValue } from "@/lib/simulator/json-schema-sample";

const ajv = new Ajv();
const validates = (schema: Record<string, unknown>, value: unknown) => ajv.validate(schema, value);

const ORDER = {
  type: "object",
  properties: {
    id: { type: "string" },
    status: { type: "string", enum: ["shipped", "pending"] },
    quantity: { type: "integer", minimum: 3 },
    price: { type: "number" },
    gift: { type: "boolean" },
    tags: { type: "array", items: { type: "string" } },
    lines: { type: "array", minItems: 1, items: { type: "object", properties: { sku: { type: "string" } }, required: ["sku"] } },
    kind: { const: "order" },
    note: { type: ["string", "null"] },
    address: { type: "object", properties: { city: { type: "string", minLength: 8 } }, required: ["city"] },
  },
  required: ["id", "status", "quantity"],
  additionalProperties: false,
};

describe("sampleValue", () => {
  it("fills every property: sample text, first enum value, minimum or 1, true, arrays by minItems, consts, nested objects", () => {
    expect(sampleValue(ORDER)).toEqual({
      id: "sample",
      status: "shipped",
      quantity: 3,
      price: 1,
      gift: true,
      tags: [],
      lines: [{ sku: "sample" }],
      kind: "order",
      note: "sample",
      address: { city: "samplexx" },
    });
    expect(validates(ORDER, sampleValue(ORDER))).toBe(true);
  });

  it.each([
    [
      "a $ref into $defs",
      {
        type: "object",
        properties: { to: { $ref: "#/$defs/place" } },
        $defs: { place: { type: "object", properties: { zip: { type: "string" } }, required: ["zip"] } },
      },
    ],
    ["an anyOf with null first", { type: "object", properties: { when: { anyOf: [{ type: "null" }, { type: "integer", minimum: 5 }] } }, required: ["when"] }],
    [
      "an allOf",
      {
        allOf: [
          { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
          { properties: { b: { type: "number", maximum: 0 } }, required: ["b"] },
        ],
      },
    ],
    ["a bare string", { type: "string", maxLength: 3 }],
    ["an array of enums", { type: "array", minItems: 2, items: { enum: [7, 8] } }],
  ])("validates for %s", (_name, schema) => {
    expect(validates(schema, sampleValue(schema))).toBe(true);
  });

  it("reads Gemini's upper-case OpenAPI types", () => {
    expect(sampleValue({ type: "OBJECT", properties: { city: { type: "STRING" }, days: { type: "INTEGER" } } })).toEqual({ city: "sample", days: 1 });
  });

  it("gives strings in common formats values of that format", () => {
    expect(sampleValue({ type: "string", format: "date-time" })).toBe("2026-01-01T00:00:00Z");
    expect(sampleValue({ type: "string", format: "email" })).toBe("sample@example.com");
  });

  it("stops at a recursive $ref instead of looping", () => {
    const tree = { $ref: "#/$defs/node", $defs: { node: { type: "object", properties: { child: { $ref: "#/$defs/node" } } } } };
    expect(JSON.stringify(sampleValue(tree))).toMatch(/^(\{"child":)+\{\}\}+$/);
  });
});

describe("brokenValue", () => {
  it("leaves out every required property and keeps the others", () => {
    const broken = brokenValue(ORDER) as Record<string, unknown>;
    expect(Object.keys(broken)).not.toContain("id");
    expect(Object.keys(broken)).not.toContain("status");
    expect(broken.price).toBe(1);
    expect(validates(ORDER, broken)).toBe(false);
  });

  it("gives the first property a value of the wrong type when none is required", () => {
    const schema = { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } } };
    expect(brokenValue(schema)).toEqual({ city: 0, days: 1 });
    expect(validates(schema, brokenValue(schema))).toBe(false);
  });

  it.each([
    ["an enum property", { type: "object", properties: { unit: { enum: ["C", "F"] } } }],
    ["a number property", { type: "object", properties: { n: { type: "number" } } }],
    ["an object without properties", { type: "object" }],
    ["a string", { type: "string" }],
    ["an array", { type: "array", items: { type: "string" } }],
  ])("fails %s", (_name, schema) => {
    expect(validates(schema, brokenValue(schema))).toBe(false);
  });
});
