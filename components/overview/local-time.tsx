"use client";
import { timeFormat, useTimeZone } from "./use-time-zone";

const TIME: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", second: "2-digit" };
const DATE_TIME: Intl.DateTimeFormatOptions = { month: "short", day: "numeric", ...TIME };

// A moment in the reader's time zone; the date is added when it is not today.
export function LocalTime({ at, now }: { at: number; now: number }) {
  const timeZone = useTimeZone();
  const day = timeFormat(timeZone, { year: "numeric", month: "numeric", day: "numeric" });
  const text = timeFormat(timeZone, day(at) === day(now) ? TIME : DATE_TIME)(at);
  return <time dateTime={new Date(at).toISOString()}>{text}</time>;
}
