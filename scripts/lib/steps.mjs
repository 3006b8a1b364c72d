// Steps shared by `npm start` and `npm test`. Plain Node only: the first step
// installs the dependencies everything else needs.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
export const NEXT_BIN = path.join(root, "node_modules", "next", "dist", "bin", "next");

export function fail(line) {
  console.error(line);
  process.exit(1);
}

export function say(line) {
  console.log(`» ${line}`);
}

// `npm install` when node_modules is missing or older than the lockfile.
// (`npm ci` cannot be used: the registry here lacks other platforms' builds,
// so a lockfile made here is incomplete for it.)
export function ensureInstalled() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  say("Installing dependencies (npm install)…");
  const r = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) fail("npm install failed; see the output above.");
}

export function run(command, args, { env = process.env, label } = {}) {
  say(label ?? `${command} ${args.join(" ")}`);
  const r = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  return r.status === 0;
}

export function runOrFail(command, args, options) {
  if (!run(command, args, options)) fail(`Failed: ${options?.label ?? `${command} ${args.join(" ")}`}`);
}

export function randomKey() {
  return randomBytes(32).toString("base64");
}

export function readEnvFile(file) {
  if (!existsSync(file)) return {};
  const out = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/);
    if (m) out[m[1]] = m[2].replace(/^["']|["']$/g, "");
  }
  return out;
}
