// The services `npm start` runs (the simulated providers, the web app, a
// worker) and their supervision: they run together, and none outlives
// npm start, whichever way it ends.
import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { root, say } from "./steps.mjs";

const EXIT_WITH_PARENT = pathToFileURL(path.join(root, "scripts", "lib", "exit-with-parent.mjs")).href;

export function npmStartServices({ env, port, simulatorPort }) {
  return [
    { name: "simulator", args: ["--import", "tsx", "lib/simulator/main.ts"], env: { ...env, SIMULATOR_PORT: simulatorPort } },
    { name: "web", args: ["web/server.mjs"], env: { ...env, PORT: port, NODE_ENV: "production" } },
    { name: "worker", args: ["--import", "tsx", "workers/index.ts"], env: { ...env, SERVICE_NAME: "worker" } },
  ];
}

// Stops services within a bound: SIGTERM to each, then SIGKILL to any still
// running after `graceMs`; resolves once every one has exited.
export async function stopServices(children, { graceMs }) {
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  const exited = running.map((child) => new Promise((resolve) => child.once("exit", resolve)));
  for (const child of running) child.kill("SIGTERM");
  const timer = setTimeout(() => running.forEach((child) => child.kill("SIGKILL")), graceMs);
  await Promise.all(exited);
  clearTimeout(timer);
}

// Each service's stdin is a pipe from this process, which exit-with-parent.mjs
// watches: should this process die without stopping them, they stop anyway.
function spawnService({ args, env }) {
  return spawn(process.execPath, ["--import", EXIT_WITH_PARENT, ...args], { cwd: root, env, stdio: ["pipe", "inherit", "inherit"] });
}

// Runs the services until one of them exits, whatever its code or signal (each
// is meant to run until stopped), or this process gets SIGINT or SIGTERM;
// then stops the others. Resolves with the exit code to leave with: 1 when a
// service ended on its own. One Ctrl-C arrives as two SIGINTs under npm (from
// the terminal, and forwarded by npm): a repeated signal changes nothing.
export function runServices(services, { graceMs }) {
  const children = services.map(spawnService);
  say(`Started ${services.map(({ name }, i) => `${name} (pid ${children[i].pid})`).join(", ")}.`);
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (exitCode) => {
      if (stopping) return;
      stopping = true;
      say("Stopping…");
      void stopServices(children, { graceMs }).then(() => resolve(exitCode));
    };
    children.forEach((child, i) =>
      child.once("exit", (code, signal) => {
        if (stopping) return;
        console.error(`${services[i].name} exited (${signal ?? code}); see its output above.`);
        stop(1);
      }),
    );
    process.on("SIGINT", () => stop(0));
    process.on("SIGTERM", () => stop(0));
  });
}
