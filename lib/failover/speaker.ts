// Passes one attempt's text to the caller as it streams, so that what the
// caller receives over the whole turn reads as one answer: a continuation
// does not repeat the whitespace the broken-off part ended with, and the
// text after a tool round is set apart from the text before it.
//
// A held speaker (an answer that must be valid JSON) keeps the text until the
// whole answer has been judged; release() then says it in one piece, and an
// answer judged unusable never reaches the caller.
import type { TTurnState } from "./turn-state";
import type { TLink } from "./types";

const endsWithSpace = (text: string) => /\s$/.test(text);

type TSpeaker = {
  say(delta: string): void;
  // The attempt's whole text as the provider returned it; whatever of it was
  // not streamed is said now.
  finish(full: string): void;
  // This attempt's text as the caller received it, separators aside.
  text(): string;
  // The attempt's whole answer so far, held text included: what is judged.
  answer(): string;
  release(): void;
  pieces(): number;
};

export function createSpeaker(turn: TTurnState, link: TLink, { hold = false } = {}): TSpeaker {
  // Only its length: the text itself is held once, in `said` and the turn.
  let receivedLength = 0;
  let said = "";
  let pieces = 0;
  let trimLead = endsWithSpace(turn.partial);
  let separatorDue = turn.partial === "" && turn.spoken !== "" && !endsWithSpace(turn.spoken);
  let held = "";
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
    if (!turn.contributors.includes(link)) turn.contributors.push(link);
    turn.input.deps.onText?.(out, link);
  };
  const take = (delta: string) => {
    if (!hold) return say(delta);
    receivedLength += delta.length;
    held += delta;
  };
  return {
    say: take,
    finish(full) {
      if (full.length > receivedLength) take(full.slice(receivedLength));
    },
    text: () => said,
    answer: () => said + held,
    release() {
      const text = held;
      held = "";
      receivedLength -= text.length;
      if (text) say(text);
    },
    pieces: () => pieces,
  };
}
