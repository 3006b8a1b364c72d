// The wrong master key is caught at start, before it seals a single new key.
// Each master key version has one check in master_key_checks: a known text
// sealed under that key by the first process that started with it. A process
// whose MASTER_KEY (or a MASTER_KEY_PREVIOUS entry) does not open its
// version's check refuses to start with one line.
import { db } from "../db/client";
import { isDatabaseUnavailable } from "../db/unavailable";
import { log } from "../log";
import { keyring } from "./keyring";
import { open, opensKeyCheck, sealKeyCheck, type TKeyring } from "./vault";

type TKeyCheck = { ok: true } | { ok: false; message: string };

// Keys stored before checks existed: a few of the current version are tried
// before the first check is written, so an upgrade with the wrong key is
// caught too. One corrupt row among them does not refuse a right key.
const SAMPLE = 5;

const refusal = (name: string, version: number, what: string): TKeyCheck => ({
  ok: false,
  message:
    `Configuration error: ${name} is not the master key of version ${version}: it does not open ${what}. ` +
    "Set the key this database was set up with (see the master key rows of the configuration table in README.md).",
});

export async function checkMasterKey(ring: TKeyring): Promise<TKeyCheck> {
  const { version } = ring.current;
  if (!(await db.masterKeyCheck.findUnique({ where: { version } }))) {
    if (!(await opensStoredKeys(ring))) return refusal("MASTER_KEY", version, "the API keys stored under that version");
    // Processes starting together may race: the first check written stays.
    await db.masterKeyCheck.createMany({ data: [{ version, checkCipher: (await sealKeyCheck(ring)).sealed }], skipDuplicates: true });
  }
  const checks = await db.masterKeyCheck.findMany({ where: { version: { in: [version, ...ring.previous.keys()] } }, orderBy: { version: "desc" } });
  for (const check of checks) {
    if (await opensKeyCheck(ring, check.checkCipher)) continue;
    return refusal(check.version === version ? "MASTER_KEY" : `MASTER_KEY_PREVIOUS version ${check.version}`, check.version, "its key check");
  }
  return { ok: true };
}

async function opensStoredKeys(ring: TKeyring): Promise<boolean> {
  const sample = await db.credential.findMany({
    where: { keyVersion: ring.current.version },
    take: SAMPLE,
    select: { id: true, orgId: true, keyCipher: true },
  });
  if (sample.length === 0) return true;
  for (const row of sample) {
    const opened = await open(ring, { orgId: row.orgId, credentialId: row.id }, row.keyCipher).then(
      () => true,
      () => false,
    );
    if (opened) return true;
  }
  return false;
}

const RETRY_MS = 5_000;

// For entry points (web instrumentation, workers, keys:rotate): a wrong key
// stops the process with one line. While PostgreSQL cannot be reached the
// process starts anyway and checks again until it can, so an outage of the
// database does not become a crash loop of everything else.
export async function assertMasterKeyOrExit({ warned = false }: { warned?: boolean } = {}): Promise<void> {
  let check: TKeyCheck;
  try {
    check = await checkMasterKey(keyring());
  } catch (error) {
    if (!isDatabaseUnavailable(error)) {
      console.error(`Master key check failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
    if (!warned) log.warn("master key not checked yet: the database is unavailable; checking again until it answers");
    setTimeout(() => void assertMasterKeyOrExit({ warned: true }), RETRY_MS).unref();
    return;
  }
  if (check.ok) return;
  console.error(check.message);
  process.exit(1);
}
