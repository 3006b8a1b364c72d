// Drops and recreates the test database, then applies the migrations, so
// every run starts from exactly what the migrations folder describes.
import { adminQuery, applyMigrations, pgFields } from "../prisma/engine";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set");
const fields = pgFields(url);
if (!fields.database.endsWith("_test")) {
  console.error(`Refusing to reset "${fields.database}": the test database's name must end in _test.`);
  process.exit(1);
}
await adminQuery(fields, `DROP DATABASE IF EXISTS "${fields.database}" WITH (FORCE)`);
await adminQuery(fields, `CREATE DATABASE "${fields.database}"`);
const applied = await applyMigrations(url);
console.log(`Test database ${fields.database} ready (${applied.length} migration(s)).`);
