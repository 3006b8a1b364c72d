// How much work a caller's JSON Schema is for a validator, measured on its
// text without compiling it: the subschemas a validator visits for one
// value, with every local $ref followed. The schema's size does not bound
// this. In a chain of definitions whose every level is
// `allOf: [{ "$ref": next }, { "$ref": next }]` each level doubles the work:
// 26 levels took ajv 486 ms for one string, and 100 levels fit in 7.6 KiB.
//
// Each $ref target is measured once and remembered, so the walk is linear in
// the schema's size however far the schema expands.
//
// Recursion: a $ref back to a schema the walk is already inside (a tree node
// whose children are nodes) counts as one subschema and is not expanded
// again. A validator goes round such a cycle once per level of the value's
// own nesting, so that work grows with the value, which the provider answer
// cap bounds; the worker's time limit on every check bounds what is left.

// The walk recurses once per schema it is inside: nesting (64 levels at
// most, lib/api/schemas.ts) and chained $refs together stay this deep.
const MAX_DEPTH = 256;

// Keywords whose value is one subschema, an array of them, or a map of them.
const ONE = ["additionalProperties", "additionalItems", "items", "contains", "propertyNames", "not", "if", "then", "else"];
const MANY = ["allOf", "anyOf", "oneOf", "items", "prefixItems"];
const MAPS = ["properties", "patternProperties", "dependentSchemas", "dependencies"];
// Keywords whose values a validator compares against, entry by entry.
const DATA = ["enum", "const", "required"];

export type TExpansion = { visits: number } | { problem: string };

type TRecord = Record<string, unknown>;
// `known`: each schema's count once measured; `inside`: the schemas the walk
// is in now, so a $ref back to one of them is recursion.
type TWalk = { root: TRecord; known: Map<object, number>; inside: Set<object>; problem?: string };

const isRecord = (value: unknown): value is TRecord => typeof value === "object" && value !== null && !Array.isArray(value);
// "#foo" names an anchor, not a base: only an $id with a path moves the base.
const movesBase = (schema: TRecord) => typeof schema.$id === "string" && !schema.$id.startsWith("#");

/** The subschemas a validator visits for one value, or why one of the schema's $refs cannot be followed. */
export function schemaExpansion(schema: TRecord): TExpansion {
  const walk: TWalk = { root: schema, known: new Map(), inside: new Set() };
  const visits = visit(walk, schema);
  return walk.problem ? { problem: walk.problem } : { visits };
}

function visit(walk: TWalk, schema: unknown): number {
  if (!isRecord(schema) || walk.problem) return 1;
  const known = walk.known.get(schema);
  if (known !== undefined) return known;
  if (walk.inside.has(schema)) return 1;
  if (walk.inside.size >= MAX_DEPTH) {
    walk.problem = `its $refs lead more than ${MAX_DEPTH} schemas deep; refer to definitions more directly`;
    return 1;
  }
  if (schema !== walk.root && movesBase(schema)) {
    walk.problem = `a nested "$id" (${String(schema.$id)}) would change where the $refs below it point; remove it`;
    return 1;
  }
  walk.inside.add(schema);
  const visits = 1 + dataValues(schema) + childVisits(walk, schema);
  walk.inside.delete(schema);
  walk.known.set(schema, visits);
  return visits;
}

// Plain loops: the API walks every schema of a request on its event loop.
function childVisits(walk: TWalk, schema: TRecord): number {
  let visits = 0;
  for (const keyword of ONE) if (isRecord(schema[keyword])) visits += visit(walk, schema[keyword]);
  for (const keyword of MANY) {
    const list = schema[keyword];
    if (Array.isArray(list)) for (const child of list) visits += visit(walk, child);
  }
  for (const keyword of MAPS) {
    const map = schema[keyword];
    if (isRecord(map)) for (const child of Object.values(map)) visits += visit(walk, child);
  }
  if (typeof schema.$ref === "string") visits += followRef(walk, schema.$ref);
  return visits;
}

function followRef(walk: TWalk, ref: string): number {
  const target = resolveRef(walk.root, ref);
  if (target.problem !== undefined) walk.problem ??= target.problem;
  return visit(walk, target.schema);
}

// The schema a local JSON pointer ("#", "#/$defs/node") points to, or why it
// cannot be followed. A nested $id would move the base that the pointers
// below it start from, so a pointer may not pass through one either.
function resolveRef(root: TRecord, ref: string): { schema?: unknown; problem?: string } {
  if (ref === "#") return { schema: root };
  if (!ref.startsWith("#/")) return { problem: `$ref "${ref}" is not a JSON pointer into the schema; point at a definition, such as "#/$defs/name"` };
  let node: unknown = root;
  for (const segment of ref.slice(2).split("/")) {
    const key = decodeSegment(segment);
    const owner = node;
    if (key === undefined || !(isRecord(owner) || Array.isArray(owner)) || !Object.hasOwn(owner, key))
      return { problem: `$ref "${ref}" points to nothing in the schema` };
    node = (owner as TRecord)[key];
    if (isRecord(node) && movesBase(node)) return { problem: `$ref "${ref}" passes through a nested "$id"; remove the $id` };
  }
  if (!isRecord(node) && typeof node !== "boolean") return { problem: `$ref "${ref}" points to a value that is not a schema` };
  return { schema: node };
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment).replaceAll("~1", "/").replaceAll("~0", "~");
  } catch {
    return undefined;
  }
}

// Every value inside an enum, a const or required, nested ones included.
function dataValues(schema: TRecord): number {
  let values = 0;
  for (const keyword of DATA) if (schema[keyword] !== undefined) values += valuesIn(schema[keyword]);
  return values;
}

function valuesIn(value: unknown): number {
  if (typeof value !== "object" || value === null) return 1;
  let values = 1;
  for (const each of Array.isArray(value) ? value : Object.values(value)) values += valuesIn(each);
  return values;
}
