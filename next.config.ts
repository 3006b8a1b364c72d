import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Worker-side packages stay external so the server bundle loads them from node_modules.
  serverExternalPackages: [
    "bullmq",
    "pino",
    "libsodium-wrappers-sumo",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "prom-client",
    "@opentelemetry/sdk-trace-node",
    "@opentelemetry/exporter-trace-otlp-http",
  ],
};

export default nextConfig;
