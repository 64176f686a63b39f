// The C library number conversions PostgreSQL's guc.c relies on, as glibc on a 64-bit Linux
// does them: strtol(s, &end, 0) (`long` is 64 bits), strtod, rint, and printf's "%g" as
// PostgreSQL's own snprintf prints it. Positions are UTF-16 offsets into the JS string; every
// character these functions consume is ASCII, so they match the C byte offsets up to there.

export interface CNumber {
  value: number;
  /** Offset of the first character not consumed (C's endptr); 0 when nothing was converted. */
  end: number;
  /** errno == ERANGE */
  outOfRange: boolean;
}

/** C isspace() in the "C" locale. */
export function isCSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\v" || ch === "\f" || ch === "\r";
}

const HEX_DIGIT = /[0-9a-fA-F]/;
const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

function skipSpaceAndSign(s: string): { pos: number; negative: boolean } {
  let pos = 0;
  while (isCSpace(s[pos])) pos++;
  let negative = false;
  if (s[pos] === "+" || s[pos] === "-") {
    negative = s[pos] === "-";
    pos++;
  }
  return { pos, negative };
}

/** strtol(s, &end, 0): base from the prefix (0x hex, 0 octal, else decimal). */
export function strtol(s: string): CNumber {
  const { pos: start, negative } = skipSpaceAndSign(s);
  // Most values are short decimals: up to 15 digits are exact in a double and far inside long's
  // range, so they need neither BigInt nor the overflow checks.
  const first = start < s.length ? s.charCodeAt(start) : -1;
  if (first >= 0x31 && first <= 0x39) {
    // (Every read is inside the string: reading past its end makes V8 drop the optimized code.)
    const length = s.length;
    let end = start + 1;
    let value = first - 0x30;
    while (end < length && end - start < 15) {
      const c = s.charCodeAt(end);
      if (c < 0x30 || c > 0x39) break;
      value = value * 10 + (c - 0x30);
      end++;
    }
    const next = end < length ? s.charCodeAt(end) : -1;
    if (!(next >= 0x30 && next <= 0x39)) return { value: negative ? -value : value, end, outOfRange: false };
  }
  let pos = start;
  let base = 10n;
  let digitPattern = /[0-9]/;
  if (s[pos] === "0" && (s[pos + 1] === "x" || s[pos + 1] === "X") && HEX_DIGIT.test(s[pos + 2] ?? "")) {
    base = 16n;
    digitPattern = HEX_DIGIT;
    pos += 2;
  } else if (s[pos] === "0") {
    base = 8n;
    digitPattern = /[0-7]/;
  }
  const digitsStart = pos;
  let magnitude = 0n;
  while (pos < s.length && digitPattern.test(s[pos] ?? "")) {
    magnitude = magnitude * base + BigInt(parseInt(s[pos] ?? "0", 16));
    pos++;
  }
  // "0x" without hex digits converts the "0" and stops at the "x"; no digits at all converts nothing.
  if (pos === digitsStart) return { value: 0, end: 0, outOfRange: false };
  const signed = negative ? -magnitude : magnitude;
  if (signed > LONG_MAX) return { value: Number(LONG_MAX), end: pos, outOfRange: true };
  if (signed < LONG_MIN) return { value: Number(LONG_MIN), end: pos, outOfRange: true };
  return { value: Number(signed), end: pos, outOfRange: false };
}

const DBL_MIN = 2.2250738585072014e-308;

/** strtod(s, &end): decimal, hexadecimal ("0x1.8p3"), "inf", "infinity" and "nan[(chars)]". */
export function strtod(s: string): CNumber {
  const { pos: start, negative } = skipSpaceAndSign(s);
  const sign = negative ? -1 : 1;
  const rest = s.slice(start);
  const special = /^(infinity|inf|nan(\([0-9A-Za-z_]*\))?)/i.exec(rest);
  if (special) {
    const value = special[0].toLowerCase().startsWith("inf") ? sign * Infinity : NaN;
    return { value, end: start + special[0].length, outOfRange: false };
  }
  const hex = /^0[xX]((?:[0-9a-fA-F]+\.?[0-9a-fA-F]*)|(?:\.[0-9a-fA-F]+))([pP][+-]?[0-9]+)?/.exec(rest);
  if (hex) return finishDouble(sign * hexFloat(hex[1] ?? "", hex[2]), /[1-9a-fA-F]/.test(hex[1] ?? ""), start + hex[0].length);
  const dec = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(rest);
  if (!dec) return { value: 0, end: 0, outOfRange: false };
  const mantissa = dec[0].replace(/[eE].*/, "");
  return finishDouble(sign * Number(dec[0]), /[1-9]/.test(mantissa), start + dec[0].length);
}

function hexFloat(mantissa: string, exponent: string | undefined): number {
  const [whole = "", fraction = ""] = mantissa.split(".");
  const digits = whole + fraction;
  const binaryExponent = (exponent ? parseInt(exponent.slice(1), 10) : 0) - 4 * fraction.length;
  return Number(BigInt("0x" + (digits === "" ? "0" : digits))) * 2 ** binaryExponent;
}

// glibc sets ERANGE on overflow and on underflow (a nonzero number that comes out subnormal or 0).
function finishDouble(value: number, nonzeroDigits: boolean, end: number): CNumber {
  const outOfRange = !Number.isFinite(value) || (nonzeroDigits && Math.abs(value) < DBL_MIN);
  return { value, end, outOfRange };
}

/** C rint() in the default rounding mode: to nearest, ties to even. */
export function rint(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * printf("%g") as PostgreSQL's snprintf does it: six significant digits, trailing zeros
 * removed, exponent form below 1e-4 or from 1e6; infinities print as "Infinity".
 */
export function formatG(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  if (x === 0) return sign + "0";
  const precision = 6;
  // 100 significant digits: as good as exact for telling a true tie (rounded to even, as glibc does).
  const [mantissa = "", exponentText = "0"] = Math.abs(x).toExponential(99).split("e");
  const allDigits = mantissa.replace(".", "");
  let exponent = parseInt(exponentText, 10);
  let kept = BigInt(allDigits.slice(0, precision));
  const dropped = allDigits.slice(precision);
  const half = "5".padEnd(dropped.length, "0");
  if (dropped > half || (dropped === half && kept % 2n === 1n)) kept += 1n;
  let digits = kept.toString();
  if (digits.length > precision) {
    digits = digits.slice(0, precision);
    exponent += 1;
  }
  if (exponent < -4 || exponent >= precision) {
    const fraction = digits.slice(1).replace(/0+$/, "");
    const expSign = exponent < 0 ? "-" : "+";
    return `${sign}${digits[0]}${fraction ? "." + fraction : ""}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  let text: string;
  if (exponent >= 0) {
    const whole = digits.slice(0, exponent + 1);
    const fraction = digits.slice(exponent + 1).replace(/0+$/, "");
    text = whole + (fraction ? "." + fraction : "");
  } else {
    text = ("0." + "0".repeat(-exponent - 1) + digits).replace(/0+$/, "");
  }
  return sign + text;
}
