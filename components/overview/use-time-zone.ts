"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

// The server cannot know the reader's time zone, so it renders UTC (and says
// so); the browser then renders again in its own zone.
export function useTimeZone(): string {
  return useSyncExternalStore(
    subscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => "UTC",
  );
}

export function timeFormat(timeZone: string, options: Intl.DateTimeFormatOptions) {
  const format = new Intl.DateTimeFormat("en", { hourCycle: "h23", ...options, timeZone });
  const suffix = timeZone === "UTC" ? " UTC" : "";
  return (at: number) => `${format.format(at)}${suffix}`;
}
