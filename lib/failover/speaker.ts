// Passes one attempt's text to the caller as it streams, so that what the
// caller receives over the whole turn reads as one answer: a continuation
// does not repeat the whitespace the broken-off part ended with, and the
// text after a tool round is set apart from the text before it.
import type { TTurnState } from "./turn-state";
import type { TLink } from "./types";

const endsWithSpace = (text: string) => /\s$/.test(text);

export type TSpeaker = {
  say(delta: string): void;
  // The attempt's whole text as the provider returned it; whatever of it was
  // not streamed is said now.
  finish(full: string): void;
  // This attempt's text as the caller received it, separators aside.
  text(): string;
  pieces(): number;
};

export function createSpeaker(turn: TTurnState, link: TLink): TSpeaker {
  // Only its length: the text itself is held once, in `said` and the turn.
  let receivedLength = 0;
  let said = "";
  let pieces = 0;
  let trimLead = endsWithSpace(turn.partial);
  let separatorDue = turn.partial === "" && turn.spoken !== "" && !endsWithSpace(turn.spoken);
  const say = (delta: string) => {
    receivedLength += delta.length;
    let text = delta;
    if (trimLead) {
      text = text.trimStart();
      if (text) trimLead = false;
    }
    if (!text) return;
    const out = separatorDue ? `\n\n${text}` : text;
    separatorDue = false;
    said += text;
    pieces += 1;
    turn.spoken += out;
    if (!turn.contributors.includes(link.linkId)) turn.contributors.push(link.linkId);
    turn.input.deps.onText?.(out, link);
  };
  return {
    say,
    finish(full) {
      if (full.length > receivedLength) say(full.slice(receivedLength));
    },
    text: () => said,
    pieces: () => pieces,
  };
}
