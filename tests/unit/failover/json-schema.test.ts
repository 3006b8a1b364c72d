// Judging tool arguments and JSON answers against callers' schemas (pure).
import { describe, expect, it } from "vitest";

import { schemaMismatch, schemaProblem } from "@/lib/failover/json-schema";
import { outputProblem, toolCallProblem } from "@/lib/failover/policy";
import type { TResponseFormat } from "@/lib/providers/types";

import { checkSchemaHere } from "./fake-provider";
import { LOOKUP_ORDER } from "./tool-fixtures";

const noParameters = { name: "ping", description: "Pings.", parameters: { type: "object", properties: {} } };
const specs = [LOOKUP_ORDER, noParameters];
const problemOf = async (name: string, args: string) =>
  (await toolCallProblem({ call: { id: "call_1", name, arguments: args }, specs, check: checkSchemaHere }))?.message;
const outputOf = async (text: string, format: TResponseFormat | undefined) => (await outputProblem({ text, format, check: checkSchemaHere }))?.message;

describe("toolCallProblem", () => {
  it("accepts arguments that match the tool's schema, and empty arguments for a tool without parameters", async () => {
    expect(await problemOf("lookup_order", '{"orderId":"A-17"}')).toBeUndefined();
    expect(await problemOf("ping", "")).toBeUndefined();
    expect(await problemOf("ping", "{}")).toBeUndefined();
  });

  it("says what is wrong, in ajv's words, for each kind of bad call", async () => {
    expect(await problemOf("refund", "{}")).toBe('"refund" is not an offered tool');
    expect(await problemOf("lookup_order", '{"orderId":')).toBe('The arguments of "lookup_order" are not a JSON object');
    expect(await problemOf("lookup_order", '["A-17"]')).toBe('The arguments of "lookup_order" are not a JSON object');
    expect(await problemOf("lookup_order", '{"orderId":17}')).toBe('The arguments of "lookup_order" do not match its schema: /orderId must be string');
    expect(await problemOf("lookup_order", "{}")).toBe(`The arguments of "lookup_order" do not match its schema: must have required property 'orderId'`);
    expect(await problemOf("lookup_order", '{"orderId":"A","x":1}')).toBe(
      'The arguments of "lookup_order" do not match its schema: must NOT have additional properties',
    );
  });
});

describe("outputProblem", () => {
  const schema = { type: "object", properties: { n: { type: "integer", minimum: 0 } }, required: ["n"] };
  const format = { type: "json_schema", name: "count", schema } as const;

  it("judges nothing for text or no format", async () => {
    expect(await outputOf("anything", undefined)).toBeUndefined();
    expect(await outputOf("anything", { type: "text" })).toBeUndefined();
  });

  it("wants a JSON object for json_object", async () => {
    expect(await outputOf('{"a":1}', { type: "json_object" })).toBeUndefined();
    expect(await outputOf("```json\n{}\n```", { type: "json_object" })).toBe("The reply is not valid JSON");
    expect(await outputOf("null", { type: "json_object" })).toBe("The reply is not a JSON object");
    expect(await outputOf("[]", { type: "json_object" })).toBe("The reply is not a JSON object");
  });

  it("wants JSON that matches the schema for json_schema, naming the schema", async () => {
    expect(await outputOf('{"n":3}', format)).toBeUndefined();
    expect(await outputOf('{"n":-1}', format)).toBe('The reply does not match the "count" schema: /n must be >= 0');
    expect(await outputOf("n=3", format)).toBe("The reply is not valid JSON");
  });
});

describe("callers' regular expressions are not run", () => {
  it("a pattern is not enforced, even one that backtracks catastrophically", () => {
    const schema = { type: "object", properties: { code: { type: "string", pattern: "^(a+)+$" } } };
    expect(schemaMismatch(schema, { code: `${"a".repeat(26)}!` })).toBeUndefined();
    expect(schemaMismatch({ type: "string", pattern: "^[0-9]+$" }, "abc")).toBeUndefined();
    // The rest of the schema still applies.
    expect(schemaMismatch(schema, { code: 7 })).toBe("/code must be string");
  });

  it("patternProperties are not enforced and no longer make the properties they admitted additional", () => {
    const schema = { type: "object", properties: { id: { type: "string" } }, patternProperties: { "^x-": { type: "number" } }, additionalProperties: false };
    expect(schemaMismatch(schema, { id: "a", "x-count": "not a number", other: true })).toBeUndefined();
    expect(schemaMismatch(schema, { id: 1 })).toBe("/id must be string");
  });

  it("nor is a pattern on property names", () => {
    expect(schemaMismatch({ type: "object", propertyNames: { pattern: "^[a-z]+$" } }, { "NOT lower": 1 })).toBeUndefined();
  });

  it("a property called pattern is still a property, validated by its schema", () => {
    const schema = { type: "object", properties: { pattern: { type: "string" } }, required: ["pattern"] };
    expect(schemaMismatch(schema, { pattern: "^a$" })).toBeUndefined();
    expect(schemaMismatch(schema, { pattern: 1 })).toBe("/pattern must be string");
    expect(schemaMismatch(schema, {})).toBe("must have required property 'pattern'");
  });

  it("a definition called pattern can still be referenced", () => {
    for (const keyword of ["$defs", "definitions"]) {
      const schema = { type: "object", [keyword]: { pattern: { type: "string" } }, properties: { p: { $ref: `#/${keyword}/pattern` } } };
      expect(schemaProblem(schema)).toBeUndefined();
      expect(schemaMismatch(schema, { p: 1 })).toBe("/p must be string");
    }
    expect(schemaMismatch({ dependencies: { pattern: ["flags"] } }, { pattern: "^a$" })).toBe("must have property flags when property pattern is present");
  });

  it("values the schema compares against keep their pattern keys: const, enum", () => {
    expect(schemaMismatch({ const: { pattern: "^a$" } }, { pattern: "^a$" })).toBeUndefined();
    expect(schemaMismatch({ const: { pattern: "^a$" } }, {})).toBe("must be equal to constant");
    expect(schemaMismatch({ enum: [{ pattern: "x" }, 1] }, { pattern: "x" })).toBeUndefined();
  });
});

describe("schemaProblem", () => {
  it("accepts a usable schema, says why another is not a JSON Schema, and refuses remote references", () => {
    expect(schemaProblem(LOOKUP_ORDER.parameters)).toBeUndefined();
    expect(schemaProblem({ type: "object", properties: { x: { type: "strnig" } } })).toMatch(
      /^schema\/properties\/x\/type must be equal to one of the allowed values/,
    );
    expect(schemaProblem({ $ref: "https://example.com/remote.json" })).toBe(
      '$ref "https://example.com/remote.json" is not in the schema itself; remote schemas are never fetched',
    );
    expect(schemaProblem({ $defs: { id: { type: "string" } }, properties: { id: { $ref: "#/$defs/id" } } })).toBeUndefined();
  });

  it("a recursive schema is checked level by level, also when it refers to its root", () => {
    const list = { type: "object", properties: { value: { type: "number" }, next: { anyOf: [{ $ref: "#" }, { type: "null" }] } } };
    expect(schemaMismatch(list, { value: 1, next: { value: 2, next: null } })).toBeUndefined();
    expect(schemaMismatch(list, { value: 1, next: { value: "two", next: null } })).toMatch(/^\/next\/value must be number/);
    const tree = { $defs: { node: { type: "object", properties: { children: { type: "array", items: { $ref: "#/$defs/node" } } } } }, $ref: "#/$defs/node" };
    expect(schemaMismatch(tree, { children: [{ children: [] }] })).toBeUndefined();
    expect(schemaMismatch(tree, { children: [{ children: 3 }] })).toBe("/children/0/children must be array");
  });

  it("a schema that cannot be used makes every value a mismatch, never a crash", () => {
    expect(schemaMismatch({ type: 12 }, {})).toMatch(/^the schema cannot be used: /);
    // ajv's generated code recurses once per property: this many overflows the stack when run.
    const wide = { type: "object", properties: Object.fromEntries(Array.from({ length: 1600 }, (_, i) => [`p${i}`, { type: "string" }])) };
    expect(schemaMismatch(wide, { p0: "x" })).toBe("the schema is too large to check against");
  });
});
