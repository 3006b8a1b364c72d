import "./globals.css";

import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";

export const metadata: Metadata = {
  title: "Understudy",
  description: "Host AI agents that never go silent.",
  // The SVG mark where the browser takes one, the .ico where it does not.
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
  },
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
