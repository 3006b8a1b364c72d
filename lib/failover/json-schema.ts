// Validation against JSON Schemas that API callers send (their tools'
// parameters, a json_schema response format), with ajv.
//
// A schema is a stranger's input, so:
// - `pattern` and `patternProperties` are not enforced here: their regular
//   expressions would run on our workers, and one built to backtrack would
//   stall a worker for every tenant. The vendor still receives them.
// - remote `$ref`s are never fetched (ajv has no loader configured).
// - compiled validators are kept in a bounded cache and removed from ajv's
//   own cache when evicted, so schemas do not pile up in a long-lived worker.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

import { schemaExpansion } from "./schema-expansion";
import type { TSchemaVerdict } from "./types";

const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, addUsedSchema: false });

const MAX_CACHED = 500;
const ROOT_ID = "urn:understudy:caller-schema";
const cache = new Map<string, { validate: ValidateFunction; schema: object }>();

const REGEX_KEYWORDS = new Set(["pattern", "patternProperties"]);
// Keywords whose values map names to schemas: a property or a definition may
// be called "pattern".
const SCHEMA_MAPS = new Set(["properties", "$defs", "definitions", "dependencies"]);
// Keywords whose values are data, not schemas: an enum value may have a
// "pattern" key, and it must keep it.
const DATA_KEYWORDS = new Set(["const", "enum", "default", "examples"]);

// A copy without the keywords whose values are regular expressions. Where
// patternProperties stood, additionalProperties goes too: the properties the
// patterns admitted must not now count as "additional".
function withoutRegexes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRegexes);
  if (typeof value !== "object" || value === null) return value;
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(source)) {
    if (REGEX_KEYWORDS.has(key)) continue;
    if (key === "additionalProperties" && "patternProperties" in source) continue;
    if (DATA_KEYWORDS.has(key)) copy[key] = child;
    else copy[key] = SCHEMA_MAPS.has(key) && typeof child === "object" && child !== null ? mapValues(child as Record<string, unknown>) : withoutRegexes(child);
  }
  return copy;
}

const mapValues = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).map(([name, schema]) => [name, withoutRegexes(schema)]));

function compiled(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.validate;
  }
  const copy = withoutRegexes(schema) as Record<string, unknown>;
  // ajv finds a $ref to "#" (a recursive schema's root) through the root's
  // $id, as schemas are not added to its registry here.
  if (typeof copy.$id !== "string") copy.$id = ROOT_ID;
  const validate = ajv.compile(copy);
  cache.set(key, { validate, schema: copy });
  if (cache.size > MAX_CACHED) {
    const [oldestKey, oldest] = cache.entries().next().value!;
    cache.delete(oldestKey);
    ajv.removeSchema(oldest.schema);
  }
  return validate;
}

// How many subschemas a validator may visit for one value, $refs followed
// (schema-expansion.ts). 16 KiB holds about 5,400 written out, so this
// leaves room for definitions shared by many places; ajv visits this many
// in about a millisecond here, where a 26-level bomb of 7.6 KiB took 486 ms.
export const MAX_SCHEMA_VISITS = 20_000;

/**
 * Why a schema is not a JSON Schema, checked against the meta-schema without
 * compiling it: compiling generates code, and a request of 128 new schemas
 * took over half a second of the web process's event loop. A schema is
 * compiled only where a reply is judged against it, in the worker. The
 * caller bounds the schema's size and nesting first: these walks recurse.
 */
export function schemaProblem(schema: Record<string, unknown>): string | undefined {
  if (!ajv.validateSchema(schema)) return ajv.errorsText(ajv.errors, { dataVar: "schema" });
  const remote = refsOf(schema).find((ref) => !ref.startsWith("#"));
  if (remote !== undefined) return `$ref "${remote}" is not in the schema itself; remote schemas are never fetched`;
  const expansion = schemaExpansion(schema);
  if ("problem" in expansion) return expansion.problem;
  if (expansion.visits <= MAX_SCHEMA_VISITS) return undefined;
  return `its $refs expand it to more than ${MAX_SCHEMA_VISITS.toLocaleString("en")} subschemas to check each value against; refer to each definition from fewer places`;
}

function refsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsOf);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => (key === "$ref" && typeof child === "string" ? [child] : refsOf(child)));
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? `${error.instancePath} ` : "";
  return `${where}${error.message ?? "is invalid"}`.trim();
}

/** Why `value` does not match `schema`, in ajv's words, or undefined when it does. */
// ajv recurses, compiling and in the code it generates: a schema wide or
// deep enough overflows the stack in either, depending on what is left of it.
export const TOO_LARGE = "the schema is too large to check against";

export function schemaMismatch(schema: Record<string, unknown>, value: unknown): string | undefined {
  let validate: ValidateFunction;
  try {
    validate = compiled(schema);
  } catch (error) {
    if (error instanceof RangeError) return TOO_LARGE;
    // Checked at the API boundary; a schema that slipped through is the caller's.
    return `the schema cannot be used: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    if (validate(value)) return undefined;
  } catch {
    return TOO_LARGE;
  }
  return (validate.errors ?? []).map(describe).join("; ") || "does not match the schema";
}

export function schemaVerdict(schema: Record<string, unknown>, value: unknown): TSchemaVerdict {
  const problem = schemaMismatch(schema, value);
  return problem === undefined ? { kind: "valid" } : { kind: "invalid", problem };
}
