// The byte caps a provider's response body is read under, applied by the one
// provider fetch (provider-fetch.ts) as the bytes arrive. Without them the
// SDK reads an error body whole (it allows up to 2 GiB) and its SSE parser
// holds a `data:` line of any length in memory; PROVIDER_ANSWER_MAX_BYTES
// only counts the text parsed out of a stream, so a stream of framing alone
// would never meet it.
import { infraEnv } from "../env";

/** An error (non-2xx) body: vendors send a few hundred bytes. */
export const ERROR_BODY_MAX_BYTES = 64 * 1024;
/** One line, or one event (the lines up to a blank one), of a 2xx body. */
export const STREAM_EVENT_MAX_BYTES = 1024 * 1024;
// Framing and JSON escaping make a stream's raw bytes larger than the text
// collect-stream.ts counts against PROVIDER_ANSWER_MAX_BYTES: a chunk per
// token carries 20-50 times its text (measured on the simulator's OpenAI and
// Anthropic streams, real chunks are larger still). At 16 times, an honest
// answer with that framing reaches several hundred thousand tokens before the raw cap,
// more than any model's output limit; what the cap stops is an endpoint
// that streams framing without end.
const STREAM_BYTES_PER_ANSWER_BYTE = 16;

/** The raw bytes a 2xx body may carry, read at each call like the answer cap. */
export const streamMaxBytes = () => STREAM_BYTES_PER_ANSWER_BYTE * infraEnv().PROVIDER_ANSWER_MAX_BYTES;

export const BODY_CAP_EXCEEDED = "ERR_PROVIDER_BODY_CAP";

/** A body that passed its cap; the attempt fails as a server error and the next link answers. */
export class BodyCapError extends Error {
  readonly code = BODY_CAP_EXCEEDED;
  constructor(message: string) {
    super(message);
    this.name = "BodyCapError";
  }
}

const KIB = 1024;
const MIB = 1024 * KIB;
const size = (bytes: number) => (bytes >= MIB ? `${Number((bytes / MIB).toFixed(2))} MiB` : `${Number((bytes / KIB).toFixed(2))} KiB`);

const LF = 0x0a;
const CR = 0x0d;

/**
 * Counts the bytes of the event being read, those since the last blank line,
 * and says when they pass `maxBytes`: a line is never longer than its event,
 * so this bounds both. Only LF is searched for, CRLF counted as one ending;
 * a server that ends lines with a bare CR, which the SSE format allows but no
 * vendor sends, is counted as one long line.
 */
export function eventMeter(maxBytes: number): (chunk: Uint8Array) => boolean {
  let lineBytes = 0;
  let lineEndsInCr = false;
  let eventBytes = 0;
  return (bytes) => {
    // A Buffer view (no copy) searches natively, some 50 times faster than a Uint8Array's indexOf on a 64 KiB chunk.
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let from = 0;
    for (let lf = chunk.indexOf(LF); lf !== -1; lf = chunk.indexOf(LF, from)) {
      const length = lineBytes + lf - from;
      const onlyCr = length === 1 && (lf > from ? chunk[lf - 1] === CR : lineEndsInCr);
      eventBytes = length === 0 || onlyCr ? 0 : eventBytes + length + 1;
      if (eventBytes > maxBytes) return true;
      lineBytes = 0;
      from = lf + 1;
    }
    if (from < chunk.length) {
      lineBytes += chunk.length - from;
      lineEndsInCr = chunk[chunk.length - 1] === CR;
    }
    return eventBytes + lineBytes > maxBytes;
  };
}

type TLimits = { maxBytes: number; tooLarge: string; maxEventBytes?: number };

function limitsFor(status: number): TLimits {
  if (status < 200 || status >= 300) {
    return { maxBytes: ERROR_BODY_MAX_BYTES, tooLarge: `The provider's error body (HTTP ${status}) passed ${size(ERROR_BODY_MAX_BYTES)} and was cut` };
  }
  const maxBytes = streamMaxBytes();
  return { maxBytes, tooLarge: `The provider's stream passed ${size(maxBytes)} and was cut`, maxEventBytes: STREAM_EVENT_MAX_BYTES };
}

// Statuses whose Response may not carry a body at all.
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The response with its body read under the caps of its status; past one,
 * the read fails with a BodyCapError. onChunk hears every chunk as it is
 * read: bytes the SDK's parser never turns into a part (a finish chunk
 * buffered until the end, usage, keep-alive comments) still show the
 * provider is there.
 */
export function cappedResponse(response: Response, onChunk?: () => void): Response {
  const { status, statusText, headers, body } = response;
  if (!body || NULL_BODY_STATUSES.has(status)) return response;
  const limits = limitsFor(status);
  const overEvent = limits.maxEventBytes === undefined ? undefined : eventMeter(limits.maxEventBytes);
  let bytes = 0;
  const capped = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        onChunk?.();
        bytes += chunk.byteLength;
        if (bytes > limits.maxBytes) throw new BodyCapError(limits.tooLarge);
        if (overEvent?.(chunk)) throw new BodyCapError(`One event of the provider's stream passed ${size(STREAM_EVENT_MAX_BYTES)} and was cut`);
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(capped, { status, statusText, headers });
}
