// `npm run simulator`: runs the simulated providers until SIGTERM or SIGINT.
import { BlockList, isIP } from "node:net";

import { pino } from "pino";

import { assertInfraEnvOrExit } from "../env";
import { startSimulator } from "./server";

const log = pino({ name: "simulator" });
// A SIMULATOR_PORT that is not a port stops it here, with one line.
const { SIMULATOR_PORT: port, SIMULATOR_HOST: host, SIMULATOR_ALLOW_PUBLIC: allowPublic } = assertInfraEnvOrExit();

// The simulator answers any key, counts calls and echoes what it was sent:
// a test fixture, not a service to reach from another machine.
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");
const isLoopback = (name: string) => name === "localhost" || (isIP(name) !== 0 && LOOPBACK.check(name, isIP(name) === 4 ? "ipv4" : "ipv6"));

if (!isLoopback(host) && !allowPublic) {
  log.fatal(
    { SIMULATOR_HOST: host },
    `SIMULATOR_HOST ${host} is not a loopback address; the simulator stays on this machine unless SIMULATOR_ALLOW_PUBLIC=true`,
  );
  process.exit(1);
}

const simulator = await startSimulator({ port, host });
log.info({ url: simulator.url }, `simulated providers listening on ${simulator.url}`);

const stop = (signal: NodeJS.Signals) => {
  simulator.close().then(
    () => {
      log.info({ signal }, "simulator closed");
      process.exit(0);
    },
    (error: unknown) => {
      log.error({ err: error }, "simulator did not close cleanly");
      process.exit(1);
    },
  );
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
