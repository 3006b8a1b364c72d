import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Understudy",
  description: "Host AI agents that never go silent.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page renders per request: proxy.ts gives each response a fresh CSP nonce,
// and a page prerendered at build time would carry scripts without it.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
