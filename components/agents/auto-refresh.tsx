"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

// A worker applies Start, Restart and Stop. While one is pending the page asks
// the server again every second, so the outcome shows without a reload.
export function AutoRefresh({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
