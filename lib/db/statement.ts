// The turn path's statements, sent to PostgreSQL through pg as named prepared
// statements: planned once per connection, and none of Prisma's per-call
// work. Measured on this machine, a one-row read costs 69 µs of CPU this way,
// 329 µs through $queryRaw and 415 µs through findUnique; a turn runs a
// handful of them, so the difference is most of a turn's database CPU.
// Everything else keeps using Prisma.
import { pool } from "./client";

declare const rowType: unique symbol;
// TRow is the shape of one result row, carried in the type only.
type TStatement<TRow> = { name: string; text: string; readonly [rowType]?: TRow };

export function statement<TRow>(name: string, text: string): TStatement<TRow> {
  return { name, text };
}

const run = (s: TStatement<unknown>, values: unknown[]) => pool.query({ name: s.name, text: s.text, values });

export async function query<TRow>(s: TStatement<TRow>, values: unknown[]): Promise<TRow[]> {
  return (await run(s, values)).rows as TRow[];
}

// For writes: how many rows the statement touched.
export async function execute(s: TStatement<never>, values: unknown[]): Promise<number> {
  return (await run(s, values)).rowCount ?? 0;
}
