// The calculator tool: + - * / parentheses and decimals, evaluated by a small
// recursive-descent parser. The expression comes from a model, so it is never
// handed to eval or Function.
//
//   expression := term (("+" | "-") term)*
//   term       := factor (("*" | "/") factor)*
//   factor     := ("+" | "-") factor | number | "(" expression ")"
type TCalcResult = { ok: true; value: number } | { ok: false; error: string };

type TOperator = "+" | "-" | "*" | "/" | "(" | ")";
type TToken = { kind: "number"; value: number } | { kind: "op"; value: TOperator };
type TCursor = { tokens: TToken[]; pos: number };

const MAX_LENGTH = 500;
// Bounds recursion so "((((…" cannot blow the stack.
const MAX_DEPTH = 100;
const NUMBER = /^(\d+(\.\d*)?|\.\d+)/;
const OPERATORS = new Set(["+", "-", "*", "/", "(", ")"]);

class CalcError extends Error {}

export function evaluateExpression(source: string): TCalcResult {
  if (source.length > MAX_LENGTH) return { ok: false, error: "expression is too long" };
  try {
    const cursor: TCursor = { tokens: tokenize(source), pos: 0 };
    if (cursor.tokens.length === 0) throw new CalcError("expression is empty");
    const value = parseExpression(cursor, 0);
    const extra = cursor.tokens[cursor.pos];
    if (extra) throw new CalcError(`unexpected ${describe(extra)}`);
    if (!Number.isFinite(value)) throw new CalcError("result is too large");
    // 15 significant digits hides binary noise (0.1 + 0.2 gives 0.3).
    return { ok: true, value: Number.parseFloat(value.toPrecision(15)) };
  } catch (error) {
    if (error instanceof CalcError) return { ok: false, error: error.message };
    throw error;
  }
}

function tokenize(source: string): TToken[] {
  const tokens: TToken[] = [];
  let rest = source;
  while (rest.length > 0) {
    const char = rest.charAt(0);
    if (/\s/.test(char)) {
      rest = rest.slice(1);
      continue;
    }
    if (OPERATORS.has(char)) {
      tokens.push({ kind: "op", value: char as TOperator });
      rest = rest.slice(1);
      continue;
    }
    const match = NUMBER.exec(rest);
    if (!match) throw new CalcError(`unexpected character "${char}"`);
    tokens.push({ kind: "number", value: Number(match[0]) });
    rest = rest.slice(match[0].length);
  }
  return tokens;
}

function parseExpression(cursor: TCursor, depth: number): number {
  let value = parseTerm(cursor, depth);
  for (let op = peekOp(cursor); op === "+" || op === "-"; op = peekOp(cursor)) {
    cursor.pos += 1;
    const right = parseTerm(cursor, depth);
    value = op === "+" ? value + right : value - right;
  }
  return value;
}

function parseTerm(cursor: TCursor, depth: number): number {
  let value = parseFactor(cursor, depth);
  for (let op = peekOp(cursor); op === "*" || op === "/"; op = peekOp(cursor)) {
    cursor.pos += 1;
    const right = parseFactor(cursor, depth);
    if (op === "/" && right === 0) throw new CalcError("division by zero");
    value = op === "*" ? value * right : value / right;
  }
  return value;
}

function parseFactor(cursor: TCursor, depth: number): number {
  if (depth > MAX_DEPTH) throw new CalcError("expression is nested too deeply");
  const token = cursor.tokens[cursor.pos];
  if (!token) throw new CalcError("expression ends too early");
  cursor.pos += 1;
  if (token.kind === "number") return token.value;
  if (token.value === "-") return -parseFactor(cursor, depth + 1);
  if (token.value === "+") return parseFactor(cursor, depth + 1);
  if (token.value !== "(") throw new CalcError(`unexpected ${describe(token)}`);
  const value = parseExpression(cursor, depth + 1);
  if (peekOp(cursor) !== ")") throw new CalcError('missing ")"');
  cursor.pos += 1;
  return value;
}

function peekOp(cursor: TCursor): TOperator | undefined {
  const token = cursor.tokens[cursor.pos];
  return token?.kind === "op" ? token.value : undefined;
}

function describe(token: TToken): string {
  return token.kind === "number" ? `number ${token.value}` : `"${token.value}"`;
}
