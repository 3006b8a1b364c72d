// Text from outside (a provider's error body or message, a header, an
// in-stream error event) is cut here before any regular expression reads it.
// The patterns themselves are written so that they never backtrack
// quadratically, and this bound keeps even a linear pass over a megabyte
// body off the event loop: a classifier, a redaction or a retry hint reads
// the first few KiB, where vendors put what they mean.

/** What any regular expression over outside text may read, in UTF-16 code units. */
export const OUTSIDE_TEXT_MAX_CHARS = 4 * 1024;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** The part of `text` a pattern may read: at most OUTSIDE_TEXT_MAX_CHARS, never half a character. */
export function outsideText(text: string): string {
  if (text.length <= OUTSIDE_TEXT_MAX_CHARS) return text;
  const end = isHighSurrogate(text.charCodeAt(OUTSIDE_TEXT_MAX_CHARS - 1)) ? OUTSIDE_TEXT_MAX_CHARS - 1 : OUTSIDE_TEXT_MAX_CHARS;
  return text.slice(0, end);
}
