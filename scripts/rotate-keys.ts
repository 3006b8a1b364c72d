// `npm run keys:rotate`: re-seal every stored API key under MASTER_KEY.
// 1. Put the new key in MASTER_KEY, bump MASTER_KEY_VERSION, and list the old
//    one in MASTER_KEY_PREVIOUS (version:base64); restart web and workers, so
//    both keys open while this runs.
// 2. Run this (safe to interrupt and to run again). Rows no configured key
//    opens are skipped and listed; replace those keys on the Providers page.
// 3. Remove the old key from MASTER_KEY_PREVIOUS and restart.
import "dotenv/config";

import { rotateChannelSecrets } from "../lib/alerts/rotate-channel-secrets";
import { keyring } from "../lib/crypto/keyring";
import { assertMasterKeyOrExit } from "../lib/crypto/master-key-check";
import { rotateKeys } from "../lib/crypto/rotate-keys";
import { db } from "../lib/db/client";
import { assertEnvOrExit } from "../lib/env";

assertEnvOrExit();
// A wrong MASTER_KEY_PREVIOUS would otherwise list every old row as unopened.
await assertMasterKeyOrExit();
try {
  const ring = keyring();
  const { rotated, unopened } = await rotateKeys({ keyring: ring });
  const left = await db.credential.count({ where: { keyVersion: { not: ring.current.version } } });
  console.log(`Re-sealed ${rotated} key(s) under master key version ${ring.current.version}; ${left} left under older versions.`);
  if (unopened.length) {
    console.log(
      `Skipped ${unopened.length} key(s) that no configured master key opens ` +
        "(replace them on the Providers page, or add their master key to MASTER_KEY_PREVIOUS and run again):",
    );
    for (const row of unopened) console.log(`  organization ${row.orgId}, provider ${row.id} "${row.name}" (version ${row.keyVersion}): ${row.reason}`);
  }
  const channels = await rotateChannelSecrets({ keyring: ring });
  const channelsLeft = await db.alertChannel.count({ where: { keyVersion: { not: ring.current.version } } });
  console.log(`Re-sealed ${channels.rotated} alert channel(s); ${channelsLeft} left under older versions.`);
  for (const row of channels.unopened) {
    console.log(`  organization ${row.orgId}, alert channel ${row.id} "${row.name}" (version ${row.keyVersion}): ${row.reason}; delete it and add it again`);
  }
  if (left > 0 || channelsLeft > 0) process.exitCode = 1;
} catch (error) {
  console.error(`Rotation stopped: ${error instanceof Error ? error.message : String(error)}. Nothing half-written; run it again.`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
