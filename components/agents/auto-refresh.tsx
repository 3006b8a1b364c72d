"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

// A worker applies Start, Restart and Stop. While one is pending the page asks
// the server again every second, so the outcome shows without a reload.
// Pages that show live state (provider health) ask less often.
export function AutoRefresh({ active, intervalMs = 1000 }: { active: boolean; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);
  return null;
}
