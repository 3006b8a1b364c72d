// The contract each simulated vendor (OpenAI, Anthropic, Gemini) implements:
// how it is routed and authenticated, how its request reduces to a neutral
// turn, and how answers and errors look on its wire.
import type { IncomingMessage } from "node:http";

import type { TSimErrorKind } from "./behaviours";
import type { TSimAnswer } from "./conversation";
import type { TSseEvent } from "./sse";
import type { TSimVendor } from "./stats";
import type { TSimTurn } from "./turn";

export type TSimHttpError = { status: number; body: unknown; headers?: Record<string, string> };

// What the URL alone says; Gemini carries the model and streaming in the path.
export type TSimRoute = { model?: string; stream?: boolean; sse?: boolean };

export type TDialect = {
  vendor: TSimVendor;
  route(pathname: string, query: URLSearchParams): TSimRoute | undefined;
  apiKey(req: IncomingMessage, query: URLSearchParams): string | undefined;
  // A string is the reason the request is malformed, answered with a 400.
  parse(body: unknown, route: TSimRoute): TSimTurn | string;
  error(kind: TSimErrorKind, context: { model: string; key: string }): TSimHttpError;
  invalid(message: string): TSimHttpError;
  // How the vendor refuses a prompt its content policy blocks: an HTTP error,
  // or undefined when it answers 200 with a block instead (Gemini).
  filtered(): TSimHttpError | undefined;
  render(answer: TSimAnswer, turn: TSimTurn): unknown;
  events(answer: TSimAnswer, turn: TSimTurn): TSseEvent[];
  sseLineEnd: "\n" | "\r\n";
  // The error the vendor sends inside an already started stream.
  streamError(): TSseEvent;
};
