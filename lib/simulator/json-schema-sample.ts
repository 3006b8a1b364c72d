// Values made from a JSON Schema, the way the simulated model fills in tool
// arguments and structured answers: one that validates (sampleValue) and one
// that is valid JSON but fails the schema (brokenValue), for the keys that
// model a careless model. Gemini's OpenAPI schemas (type "OBJECT") read the same.
import type { TJsonSchema } from "./turn";

// Recursive $refs end here instead of looping forever.
const MAX_DEPTH = 8;

const SAMPLE_TEXT = "sample";

// Strings in the common formats that validate when a validator checks them.
const FORMATTED: Record<string, string> = {
  "date-time": "2026-01-01T00:00:00Z",
  date: "2026-01-01",
  time: "00:00:00Z",
  email: "sample@example.com",
  uri: "https://example.com/sample",
  url: "https://example.com/sample",
  uuid: "00000000-0000-4000-8000-000000000000",
};

const record = (value: unknown): TJsonSchema => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as TJsonSchema) : {});

const numberOr = (value: unknown, fallback: number) => (typeof value === "number" ? value : fallback);

// Follows a local $ref (#/$defs/x, #/definitions/x) and takes the first
// non-null branch of a union, so the rest only ever sees one plain schema.
function resolve(schema: TJsonSchema, root: TJsonSchema): TJsonSchema {
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/")) {
    const target = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((node, part) => record(node)[part], root);
    return resolve(record(target), root);
  }
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union) && union.length) {
    const branch = union.map(record).find((b) => typeOf(b) !== "null") ?? record(union[0]);
    return resolve(branch, root);
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((part) => resolve(record(part), root));
    const properties = Object.assign({}, ...parts.map((part) => record(part.properties)), record(schema.properties));
    const required = parts.flatMap((part) => (Array.isArray(part.required) ? part.required : []));
    return { ...Object.assign({}, ...parts), ...schema, allOf: undefined, properties, required };
  }
  return schema;
}

// The schema's type, lower-cased; a list of types gives its first non-null one.
function typeOf(schema: TJsonSchema): string | undefined {
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t): t is string => typeof t === "string");
  const type = types.map((t) => t.toLowerCase()).find((t) => t !== "null") ?? types[0]?.toLowerCase();
  if (type) return type;
  if (schema.properties) return "object";
  if (schema.items) return "array";
  return undefined;
}

function sampleString(schema: TJsonSchema): string {
  const text = FORMATTED[String(schema.format)] ?? SAMPLE_TEXT;
  const min = numberOr(schema.minLength, 0);
  const padded = text.length < min ? text.padEnd(min, "x") : text;
  return padded.slice(0, numberOr(schema.maxLength, padded.length));
}

function sampleNumber(schema: TJsonSchema, integer: boolean): number {
  const exclusive = typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum + (integer ? 1 : 0.5) : undefined;
  const value = Math.min(exclusive ?? numberOr(schema.minimum, 1), numberOr(schema.maximum, Infinity));
  return integer ? Math.ceil(value) : value;
}

function sampleObject(schema: TJsonSchema, root: TJsonSchema, depth: number): Record<string, unknown> {
  const entries = Object.entries(record(schema.properties));
  return Object.fromEntries(entries.map(([name, property]) => [name, sampleAt(record(property), root, depth + 1)]));
}

function sampleAt(raw: TJsonSchema, root: TJsonSchema, depth: number): unknown {
  const schema = resolve(raw, root);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  switch (typeOf(schema)) {
    case "string":
      return sampleString(schema);
    case "number":
      return sampleNumber(schema, false);
    case "integer":
      return sampleNumber(schema, true);
    case "boolean":
      return true;
    case "null":
      return null;
    case "array": {
      const count = Math.max(0, numberOr(schema.minItems, 0));
      return depth >= MAX_DEPTH ? [] : Array.from({ length: count }, () => sampleAt(record(schema.items), root, depth + 1));
    }
    default:
      return depth >= MAX_DEPTH ? {} : sampleObject(schema, root, depth);
  }
}

/** A value that validates against `schema`: every property filled, enums and consts honoured. */
export function sampleValue(schema: TJsonSchema): unknown {
  return sampleAt(schema, schema, 0);
}

const JSON_TYPES: Array<[string, (value: unknown) => boolean]> = [
  ["string", (v) => typeof v === "string"],
  ["number", (v) => typeof v === "number"],
  ["integer", (v) => Number.isInteger(v)],
  ["boolean", (v) => typeof v === "boolean"],
  ["null", (v) => v === null],
  ["array", Array.isArray],
  ["object", (v) => typeof v === "object" && v !== null && !Array.isArray(v)],
];

// Values of every JSON type, the first one a schema refuses is its wrong value.
const CANDIDATES: unknown[] = [0, SAMPLE_TEXT, 0.5, true, null, [], {}];

function refuses(schema: TJsonSchema, value: unknown): boolean {
  const same = (other: unknown) => JSON.stringify(other) === JSON.stringify(value);
  if ("const" in schema) return !same(schema.const);
  if (Array.isArray(schema.enum)) return !schema.enum.some(same);
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t): t is string => typeof t === "string");
  if (!types.length) return false;
  return !types.some((type) => JSON_TYPES.find(([name]) => name === type.toLowerCase())?.[1](value));
}

/** Valid JSON that fails `schema`: required properties left out, else a property of the wrong type, else the wrong type altogether. */
export function brokenValue(raw: TJsonSchema): unknown {
  const schema = resolve(raw, raw);
  if (typeOf(schema) !== "object") return CANDIDATES.find((value) => refuses(schema, value)) ?? [];
  const sample = sampleObject(schema, raw, 0);
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  if (required.size) return Object.fromEntries(Object.entries(sample).filter(([name]) => !required.has(name)));
  for (const [name, property] of Object.entries(record(schema.properties))) {
    const resolved = resolve(record(property), raw);
    const wrong = CANDIDATES.find((value) => refuses(resolved, value));
    if (wrong !== undefined) return { ...sample, [name]: wrong };
  }
  // Nothing about the properties can be wrong: not being an object is.
  return [];
}
