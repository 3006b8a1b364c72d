// How far a caller's schema expands once its $refs are followed, measured at
// the API before anything compiles or runs it.
import { describe, expect, it } from "vitest";

import { MAX_SCHEMA_VISITS, schemaProblem } from "@/lib/failover/json-schema";
import { schemaExpansion } from "@/lib/failover/schema-expansion";

import { schemaBomb } from "../../fixtures/schema-bomb";

const visitsOf = (schema: Record<string, unknown>) => {
  const expansion = schemaExpansion(schema);
  if ("problem" in expansion) throw new Error(expansion.problem);
  return expansion.visits;
};

const money = {
  type: "object",
  properties: { amount: { type: "number" }, currency: { enum: ["EUR", "USD", "GBP"] } },
  required: ["amount", "currency"],
  additionalProperties: false,
};
const address = { type: "object", properties: { line1: { type: "string" }, city: { type: "string" }, country: { type: "string" } }, required: ["city"] };
const ORDER = {
  type: "object",
  $defs: {
    money,
    address,
    party: { type: "object", properties: { name: { type: "string" }, billing: { $ref: "#/$defs/address" }, shipping: { $ref: "#/$defs/address" } } },
    item: {
      type: "object",
      properties: {
        sku: { type: "string" },
        quantity: { type: "integer", minimum: 1 },
        price: { $ref: "#/$defs/money" },
        discount: { anyOf: [{ $ref: "#/$defs/money" }, { type: "null" }] },
      },
    },
  },
  properties: {
    buyer: { $ref: "#/$defs/party" },
    seller: { $ref: "#/$defs/party" },
    items: { type: "array", items: { $ref: "#/$defs/item" }, maxItems: 100 },
    total: { $ref: "#/$defs/money" },
    status: { enum: ["new", "paid", "shipped"] },
  },
  required: ["items", "total"],
};
// A tree node whose children are nodes, and a list that refers to its root.
const TREE = {
  definitions: {
    node: { type: "object", properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#/definitions/node" } } }, required: ["name"] },
  },
  $ref: "#/definitions/node",
};
const LIST = { type: "object", properties: { value: { type: "number" }, next: { anyOf: [{ $ref: "#" }, { type: "null" }] } } };
const MUTUAL = {
  $defs: {
    expr: { anyOf: [{ type: "number" }, { $ref: "#/$defs/sum" }] },
    sum: { type: "object", properties: { left: { $ref: "#/$defs/expr" }, right: { $ref: "#/$defs/expr" } } },
  },
  $ref: "#/$defs/expr",
};

describe("schema expansion", () => {
  it("refuses the schema bomb: each level doubles what a validator visits", () => {
    expect(visitsOf(schemaBomb(10))).toBe(2 ** 12 - 2);
    expect(visitsOf(schemaBomb(26))).toBeGreaterThan(MAX_SCHEMA_VISITS);
    for (const depth of [14, 26, 100]) {
      expect(schemaProblem(schemaBomb(depth))).toBe(
        "its $refs expand it to more than 20,000 subschemas to check each value against; refer to each definition from fewer places",
      );
    }
  });

  it("measures each $ref target once, so a bomb of 100 levels is measured, not walked", () => {
    expect(visitsOf(schemaBomb(100))).toBeGreaterThan(1e30);
  });

  it("refuses $refs chained deeper than its walk goes, rather than overflow the stack", () => {
    expect(schemaExpansion(schemaBomb(1000))).toEqual({ problem: "its $refs lead more than 256 schemas deep; refer to definitions more directly" });
  });

  it("accepts real tool schemas: nested objects, arrays, shared definitions, anyOf of a few refs", () => {
    expect(visitsOf(ORDER)).toBeLessThan(200);
    expect(schemaProblem(ORDER)).toBeUndefined();
  });

  it("accepts recursive schemas, counting a $ref back into a schema the walk is inside as one subschema", () => {
    expect(visitsOf(TREE)).toBe(8);
    expect(visitsOf(LIST)).toBe(6);
    expect(visitsOf(MUTUAL)).toBe(9);
    for (const schema of [TREE, LIST, MUTUAL]) expect(schemaProblem(schema)).toBeUndefined();
  });

  it("counts the values an enum, a const or required compares against", () => {
    const colours = { enum: Array.from({ length: 1000 }, (_, i) => `colour-${i}`) };
    // The schema, its property, the enum and each of its values.
    expect(visitsOf({ properties: { a: colours } })).toBe(1003);
    // Referred to from 32 places through five doubling levels.
    const bomb = schemaBomb(5) as { definitions: Record<string, unknown> };
    bomb.definitions.d5 = colours;
    expect(schemaProblem(bomb)).toMatch(/^its \$refs expand it to more than 20,000 subschemas/);
  });

  it("follows JSON pointers as ajv does: escaped names, array entries, the root", () => {
    const schema = {
      $defs: { "a/b": { type: "string" }, "c~d": { type: "number" }, "e f": { type: "boolean" }, list: [{ type: "null" }] },
      properties: {
        one: { $ref: "#/$defs/a~1b" },
        two: { $ref: "#/$defs/c~0d" },
        three: { $ref: "#/$defs/e%20f" },
        four: { $ref: "#/$defs/list/0" },
        five: { $ref: "#" },
      },
    };
    // The root, then each property and the schema it points to; "#" is the root, which the walk is inside.
    expect(visitsOf(schema)).toBe(11);
  });

  it("refuses a $ref it cannot follow the way ajv would, saying why", () => {
    const problem = (schema: Record<string, unknown>) => ("problem" in schemaExpansion(schema) ? schemaProblem(schema) : undefined);
    expect(problem({ properties: { a: { $ref: "#/$defs/missing" } } })).toBe('$ref "#/$defs/missing" points to nothing in the schema');
    expect(problem({ $defs: { a: { $id: "#a", type: "string" } }, $ref: "#a" })).toBe(
      '$ref "#a" is not a JSON pointer into the schema; point at a definition, such as "#/$defs/name"',
    );
    expect(problem({ properties: { a: { type: "string" }, b: { $ref: "#/properties/a/type" } } })).toBe(
      '$ref "#/properties/a/type" points to a value that is not a schema',
    );
    expect(problem({ properties: { a: { $ref: "#/constructor" } } })).toBe('$ref "#/constructor" points to nothing in the schema');
    const based = { $id: "https://example.com/inner.json", $defs: { x: { type: "string" } }, $ref: "#/$defs/x" };
    expect(problem({ properties: { a: based } })).toBe(
      'a nested "$id" (https://example.com/inner.json) would change where the $refs below it point; remove it',
    );
    expect(problem({ $defs: { inner: based }, $ref: "#/$defs/inner/$defs/x" })).toBe(
      '$ref "#/$defs/inner/$defs/x" passes through a nested "$id"; remove the $id',
    );
    expect(schemaProblem({ $id: "https://example.com/root.json", $defs: { x: { type: "string" } }, $ref: "#/$defs/x" })).toBeUndefined();
  });
});
