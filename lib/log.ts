import pino from "pino";

// Secrets are redacted by path, so a key passed by mistake never reaches a line.
export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: process.env.SERVICE_NAME ?? "web" },
  redact: {
    paths: ["apiKey", "*.apiKey", "key", "*.key", "password", "*.password", "authorization", "*.authorization", "headers", "*.headers"],
    censor: "[redacted]",
  },
});
