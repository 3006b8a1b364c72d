// Integration tests own their database: local only, named *_test, and
// migrated before the first test.
import pg from "pg";

import { keyringFrom, sealKeyCheck } from "../../lib/crypto/vault";
import { applyMigrations, ensureDatabase, pgFields } from "../../prisma/engine";

export default async function setup() {
  const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/understudy_test";
  const { host, database } = pgFields(url);
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) throw new Error(`Refusing to run against a non-local database (${host}).`);
  if (!database.endsWith("_test")) throw new Error(`Refusing to run against "${database}": the test database's name must end in _test.`);
  await ensureDatabase(url);
  await applyMigrations(url);
  await adoptRunKey(url);
}

// Every run has a random MASTER_KEY, and a reused test database still holds
// the key check an earlier run wrote, which would refuse every process this
// run starts. This run's check takes its place (each test seals the keys it
// needs, so what earlier runs sealed is never opened).
async function adoptRunKey(url: string) {
  const version = Number(process.env.MASTER_KEY_VERSION ?? 1);
  const { sealed } = await sealKeyCheck(keyringFrom({ key: process.env.MASTER_KEY ?? "", version }));
  const client = new pg.Client({ ...pgFields(url) });
  await client.connect();
  try {
    await client.query("DELETE FROM master_key_checks");
    await client.query("INSERT INTO master_key_checks (version, check_cipher) VALUES ($1, $2)", [version, sealed]);
  } finally {
    await client.end();
  }
}
