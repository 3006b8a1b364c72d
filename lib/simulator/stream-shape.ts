// Keys that shape a stream in time and size: how many text chunks, how far
// apart, how big, and how the stream ends. Benchmarks and failover tests use
// them to stage a slow, huge, broken, hanging or endless answer on demand.

// How a shaped stream ends after its chunks: normally, with the TCP
// connection reset, with silence until the client leaves, or with the
// vendor's in-band error event; an endless one never ends.
export type TStreamEnd = "finish" | "cut" | "stall" | "error" | "endless";

export type TStreamShape = {
  end: TStreamEnd;
  // Text chunks sent before the stream ends (0 for an endless one).
  chunks: number;
  // Pause between two text chunks; the first goes out at once.
  ms: number;
  // Each chunk is padded to at least this many bytes (0: no padding).
  padBytes: number;
  // Every event is `ms` after the one before, the stream's opening and its
  // finish, usage and terminator included, as from a provider whose framing
  // chunks come at the pace of its tokens. Otherwise only text is spaced.
  paceEvery?: true;
};

// Limits that keep a stranger's key from making the simulator allocate or
// wait without bound; a key outside them is unknown, like a mistyped one.
const SHAPE_LIMITS = { chunks: 100_000, ms: 60_000, padBytes: 1_048_576, totalBytes: 64 * 1024 * 1024 } as const;

// A broken stream is planned longer than what it sends, so the text it
// leaves behind is visibly unfinished (no closing period).
const UNSENT_CHUNKS = 10;

const CHUNKS_KEY = /^sim-(chunks|paced)-(\d{1,6})-(\d{1,5})(?:-(\d{1,7}))?$/;
const AFTER_KEY = /^sim-(cut|stall|error)-after-(\d{1,6})(?:-(\d{1,5}))?$/;
const ENDLESS_KEY = /^sim-endless(?:-(\d{1,5})(?:-(\d{1,7}))?)?$/;

// An endless answer's pieces are padded to this by default, so reaching a
// client's byte cap takes hundreds of events rather than millions.
const ENDLESS_PAD_BYTES = 16 * 1024;
// It is streamed in batches of this many pieces (send-shaped.ts).
export const ENDLESS_BATCH = 64;

function withinLimits({ chunks, ms, padBytes }: TStreamShape): boolean {
  return chunks <= SHAPE_LIMITS.chunks && ms <= SHAPE_LIMITS.ms && padBytes <= SHAPE_LIMITS.padBytes && chunks * padBytes <= SHAPE_LIMITS.totalBytes;
}

/**
 * `sim-chunks-<n>-<ms>[-<bytes>]` (n ≥ 1), `sim-paced-<n>-<ms>[-<bytes>]` (the
 * same, with every event spaced, not only text), `sim-{cut,stall,error}-after-<n>[-<ms>]`
 * (n ≥ 0, ms defaults to 0) or `sim-endless[-<ms>[-<bytes>]]` (pieces of
 * 16 KiB by default, sent until the client leaves), without the `~suffix`.
 * Undefined when the key is not a shape or is outside SHAPE_LIMITS.
 */
export function parseStreamShape(base: string): TStreamShape | undefined {
  const endless = ENDLESS_KEY.exec(base);
  if (endless) {
    const shape: TStreamShape = { end: "endless", chunks: 0, ms: Number(endless[1] ?? 0), padBytes: Number(endless[2] ?? ENDLESS_PAD_BYTES) };
    return withinLimits(shape) ? shape : undefined;
  }
  const chunked = CHUNKS_KEY.exec(base);
  if (chunked) {
    const shape: TStreamShape = {
      end: "finish",
      chunks: Number(chunked[2]),
      ms: Number(chunked[3]),
      padBytes: Number(chunked[4] ?? 0),
      ...(chunked[1] === "paced" ? { paceEvery: true as const } : {}),
    };
    return shape.chunks >= 1 && withinLimits(shape) ? shape : undefined;
  }
  const broken = AFTER_KEY.exec(base);
  if (!broken) return undefined;
  const shape: TStreamShape = { end: broken[1] as TStreamEnd, chunks: Number(broken[2]), ms: Number(broken[3] ?? 0), padBytes: 0 };
  return withinLimits(shape) ? shape : undefined;
}

export function plannedChunks(shape: TStreamShape): number {
  if (shape.end === "endless") return Infinity;
  return shape.end === "finish" ? shape.chunks : shape.chunks + UNSENT_CHUNKS;
}

// The number of the last piece shapeChunks makes. An endless shape makes a
// batch and one piece more, left unsent: Gemini marks an answer's last
// piece with its finish.
function lastPiece(shape: TStreamShape, from: number): number {
  if (shape.end === "finish") return Math.max(shape.chunks, from);
  if (shape.end === "endless") return from + ENDLESS_BATCH;
  return from - 1 + plannedChunks(shape);
}

const FILLER_WORD = " xxxxxxx";

/**
 * The shaped answer's text pieces: `<who> c1 `, `c2 `, ..., `c<n>.`, each
 * padded with filler words before its trailing space (or final period) to at
 * least `padBytes` bytes. Also returns the word count, computed per piece so
 * a 64 MiB answer is never split into millions of words just to count them.
 *
 * `from` continues an answer broken off after c<from - 1>, as a model asked
 * to continue would: no tag, the numbering goes on, and a broken shape
 * still breaks after `shape.chunks` more pieces.
 */
export function shapeChunks(shape: TStreamShape, who: string, from = 1): { chunks: string[]; words: number } {
  const total = lastPiece(shape, from);
  const chunks: string[] = [];
  let words = 0;
  for (let k = from; k <= total; k++) {
    const core = k === 1 ? `${who} c1` : `c${k}`;
    const ending = k === total && shape.end !== "endless" ? "." : " ";
    const missing = shape.padBytes - Buffer.byteLength(core) - ending.length;
    const fillers = missing > 0 ? Math.ceil(missing / FILLER_WORD.length) : 0;
    chunks.push(core + FILLER_WORD.repeat(fillers) + ending);
    words += (k === 1 ? who.split(/\s+/).filter(Boolean).length : 0) + 1 + fillers;
  }
  return { chunks, words };
}

// The piece a continuation starts from: the one after the last c<k> the
// partial answer holds.
export function nextChunkNumber(partial: string): number {
  const numbers = [...partial.matchAll(/\bc(\d+)\b/g)].map((m) => Number(m[1]));
  return numbers.length ? Math.max(...numbers) + 1 : 1;
}
