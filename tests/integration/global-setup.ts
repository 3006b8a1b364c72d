// Integration tests own their database: local only, named *_test, and
// migrated before the first test.
import { applyMigrations, ensureDatabase, pgFields } from "../../prisma/engine";

export default async function setup() {
  const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/understudy_test";
  const { host, database } = pgFields(url);
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) throw new Error(`Refusing to run against a non-local database (${host}).`);
  if (!database.endsWith("_test")) throw new Error(`Refusing to run against "${database}": the test database's name must end in _test.`);
  await ensureDatabase(url);
  await applyMigrations(url);
}
