import pino from "pino";

import { assertInfraEnvOrExit } from "./env";

// Read at import, before any entry point has checked its environment, so a
// bad LOG_LEVEL ends the process here with the same one line.
const { LOG_LEVEL, SERVICE_NAME } = assertInfraEnvOrExit();

// Secrets are redacted by path, so a key passed by mistake never reaches a line.
export const log = pino({
  level: LOG_LEVEL,
  base: { service: SERVICE_NAME },
  redact: {
    paths: ["apiKey", "*.apiKey", "key", "*.key", "password", "*.password", "authorization", "*.authorization", "headers", "*.headers"],
    censor: "[redacted]",
  },
});
