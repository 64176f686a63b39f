// synchronous_standby_names as its check hook parses it (syncrep_scanner.l, syncrep_gram.y;
// the same in 12–18):
//   [FIRST | ANY] num ( standby_name [, ...] )   or   standby_name [, ...]
// A standby name is an identifier, a number, `*` or a double-quoted name (`""` for a quote);
// ANY and FIRST are keywords in any case. An empty value is not parsed at all.

export type SyncRepParse =
  | { ok: true; method: "priority" | "quorum"; numSync: number; names: string[] }
  /** `detail` is the parser's message; `numSync` is set when only the count is wrong (≤ 0). */
  | { ok: false; detail: string; numSync?: number };

type TokenKind = "name" | "num" | "any" | "first" | "," | "(" | ")" | "junk";
interface Token {
  kind: TokenKind;
  text: string;
  /** A name without its quotes. */
  value: string;
}

// [ \t\n\r\f\v]
const SPACE = /^[ \t\n\r\f\v]+/;
// {ident_start}{ident_cont}*: every byte >= 0x80 is a letter, so every non-ASCII character is.
const IDENTIFIER = /^[A-Za-z_\u0080-\uffff][A-Za-z_0-9$\u0080-\uffff]*/;
const DIGITS = /^[0-9]+/;

function scan(value: string): Token[] | { error: string } {
  const tokens: Token[] = [];
  let rest = value;
  while (rest.length > 0) {
    const space = SPACE.exec(rest);
    if (space) {
      rest = rest.slice(space[0].length);
      continue;
    }
    if (rest[0] === '"') {
      let name = "";
      let pos = 1;
      for (;;) {
        const close = rest.indexOf('"', pos);
        if (close < 0) return { error: "unterminated quoted identifier" };
        name += rest.slice(pos, close);
        if (rest[close + 1] !== '"') {
          pos = close + 1;
          break;
        }
        name += '"';
        pos = close + 2;
      }
      tokens.push({ kind: "name", text: rest.slice(0, pos), value: name });
      rest = rest.slice(pos);
      continue;
    }
    // flex: the longest match wins, a tie goes to the keyword rules (listed first).
    const identifier = IDENTIFIER.exec(rest)?.[0];
    const digits = DIGITS.exec(rest)?.[0];
    let token: Token;
    if (identifier) {
      const lower = identifier.toLowerCase();
      const kind: TokenKind = lower === "any" ? "any" : lower === "first" ? "first" : "name";
      token = { kind, text: identifier, value: identifier };
    } else if (digits) {
      token = { kind: "num", text: digits, value: digits };
    } else if (rest[0] === "*") {
      token = { kind: "name", text: "*", value: "*" };
    } else if (rest[0] === "," || rest[0] === "(" || rest[0] === ")") {
      token = { kind: rest[0], text: rest[0], value: rest[0] };
    } else {
      const ch = String.fromCodePoint(rest.codePointAt(0)!);
      token = { kind: "junk", text: ch, value: ch };
    }
    tokens.push(token);
    rest = rest.slice(token.text.length);
  }
  return tokens;
}

/** atoi as glibc does it: strtol (clamped to the long range), then truncated to an int. */
function atoi(digits: string): number {
  const LONG_MAX = (1n << 63n) - 1n;
  const n = BigInt(digits);
  return Number(BigInt.asIntN(32, n > LONG_MAX ? LONG_MAX : n));
}

export function parseSyncStandbyNames(value: string): SyncRepParse {
  const tokens = scan(value);
  if (!Array.isArray(tokens)) return { ok: false, detail: tokens.error };
  let pos = 0;
  const syntaxError = (): SyncRepParse => {
    const token = tokens[pos];
    return { ok: false, detail: token ? `syntax error at or near "${token.text}"` : "syntax error at end of input" };
  };
  const expect = (kind: TokenKind): boolean => {
    if (tokens[pos]?.kind !== kind) return false;
    pos++;
    return true;
  };
  const list = (): string[] | null => {
    const names: string[] = [];
    for (;;) {
      const token = tokens[pos];
      if (token?.kind !== "name" && token?.kind !== "num") return null;
      names.push(token.value);
      pos++;
      if (!expect(",")) return names;
    }
  };

  let method: "priority" | "quorum" = "priority";
  let count: string | null = null;
  const first = tokens[0];
  if (first?.kind === "any" || first?.kind === "first") {
    method = first.kind === "any" ? "quorum" : "priority";
    pos = 1;
    if (tokens[pos]?.kind !== "num") return syntaxError();
    count = tokens[pos]!.value;
    pos++;
    if (!expect("(")) return syntaxError();
  } else if (first?.kind === "num" && tokens[1]?.kind === "(") {
    count = first.value;
    pos = 2;
  }
  const names = list();
  if (names === null) return syntaxError();
  if (count !== null && !expect(")")) return syntaxError();
  if (pos < tokens.length) return syntaxError();
  const numSync = count === null ? 1 : atoi(count);
  if (numSync <= 0) return { ok: false, detail: `number of synchronous standbys (${numSync}) must be greater than zero`, numSync };
  return { ok: true, method, numSync, names };
}
