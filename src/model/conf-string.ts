// The value PostgreSQL stores for a quoted STRING token: DeescapeQuotedString in guc-file.l.

import type { Encoding } from "../source";
import { decodeBytes } from "../source";

const SIMPLE_ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

function isOctalDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "7";
}

/**
 * De-escape a STRING token as written (outer quotes included): `''` -> `'`, `\b \f \n \r \t`,
 * `\` + 1-3 octal digits -> that byte (mod 256), `\` + any other char -> that char. An octal
 * escape makes a byte, so the result is rebuilt as bytes (`encoding` is the source's) and
 * decoded as UTF-8 when valid, else as Latin-1. A NUL ends the value, as the C string does.
 */
export function deescapeQuotedString(token: string, encoding: Encoding = "utf8"): string {
  const body = token.slice(1, -1);
  // Runs of text, with octal escapes as numbers (bytes) between them.
  const parts: (string | number)[] = [];
  let text = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === "\\") {
      const next = body[i + 1];
      if (next === undefined) break; // cannot happen in a lexed STRING
      if (isOctalDigit(next)) {
        let value = 0;
        let k = 0;
        while (k < 3 && isOctalDigit(body[i + 1 + k])) {
          value = value * 8 + Number(body[i + 1 + k]);
          k++;
        }
        i += k;
        if (text) parts.push(text);
        text = "";
        parts.push(value & 0xff);
      } else {
        text += SIMPLE_ESCAPES[next] ?? next;
        i++;
      }
    } else if (ch === "'" && body[i + 1] === "'") {
      text += "'";
      i++;
    } else {
      text += ch;
    }
  }
  if (text) parts.push(text);

  if (parts.every((part) => typeof part === "string")) return cutAtNul((parts as string[]).join(""));
  const bytes = Buffer.concat(parts.map((part) => (typeof part === "number" ? Buffer.of(part) : Buffer.from(part, encoding))));
  const nul = bytes.indexOf(0);
  const kept = nul === -1 ? bytes : bytes.subarray(0, nul);
  return encoding === "latin1" ? kept.toString("latin1") : decodeBytes(kept).text;
}

function cutAtNul(value: string): string {
  const nul = value.indexOf("\0");
  return nul === -1 ? value : value.slice(0, nul);
}
