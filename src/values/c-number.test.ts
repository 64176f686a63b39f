import { formatG, rint, strtod, strtol } from "./c-number";

describe("strtol base 0", () => {
  test.each([
    ["42", 42, 2],
    ["  -17x", -17, 5],
    ["0x1F", 31, 4],
    ["0X1fMB", 31, 4],
    ["010", 8, 3],
    ["08", 0, 1],
    ["0x", 0, 1],
    ["0xg", 0, 1],
    ["+", 0, 0],
    ["abc", 0, 0],
    [".5", 0, 0],
  ])("'%s' -> %d, stops at %d", (text, value, end) => {
    expect(strtol(text)).toEqual({ value, end, outOfRange: false });
  });

  test("beyond 64 bits is ERANGE", () => {
    expect(strtol("9223372036854775808")).toEqual({ value: Number(2n ** 63n - 1n), end: 19, outOfRange: true });
    expect(strtol("9223372036854775807").outOfRange).toBe(false);
  });

  test("decimals of 1 to 22 digits, signed, with a unit after: as 64-bit C does (the short ones take a fast path)", () => {
    const LONG_MAX = 2n ** 63n - 1n;
    let seed = 5;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    for (let i = 0; i < 5000; i++) {
      const length = 1 + random(22);
      let digits = String(1 + random(9));
      while (digits.length < length) digits += String(random(10));
      const prefix = [" ", "", "\t", ""][random(4)]! + ["", "-", "+"][random(3)]!;
      const text = `${prefix}${digits}${["", "kB", ".5", "e3", " ms"][random(5)]!}`;
      const magnitude = BigInt(digits);
      const negative = prefix.endsWith("-");
      const limit = negative ? LONG_MAX + 1n : LONG_MAX;
      const expected = { value: Number(negative ? -(magnitude > limit ? limit : magnitude) : magnitude > limit ? limit : magnitude), end: prefix.length + digits.length, outOfRange: magnitude > limit };
      expect([text, strtol(text)]).toEqual([text, expected]);
    }
  });
});

describe("strtod", () => {
  test.each([
    ["1.5", 1.5, 3],
    [".5e1x", 5, 4],
    ["5.", 5, 2],
    ["1e", 1, 1],
    ["1e+", 1, 1],
    ["0x1.8p1", 3, 7],
    ["0x10", 16, 4],
    ["-0x.8", -0.5, 5],
    ["INF", Infinity, 3],
    ["-Infinity!", -Infinity, 9],
    ["x", 0, 0],
    [".", 0, 0],
  ])("'%s' -> %d, stops at %d", (text, value, end) => {
    expect(strtod(text)).toEqual({ value, end, outOfRange: false });
  });

  test("nan, overflow and underflow", () => {
    expect(strtod("nan(123)").end).toBe(8);
    expect(Number.isNaN(strtod("NaN").value)).toBe(true);
    expect(strtod("1e400")).toEqual({ value: Infinity, end: 5, outOfRange: true });
    expect(strtod("1e-310").outOfRange).toBe(true);
    expect(strtod("0e-999")).toEqual({ value: 0, end: 6, outOfRange: false });
  });
});

describe("rint", () => {
  test.each([
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [-2.5, -2],
    [-3.5, -4],
    [2.4999, 2],
    [-2.6, -3],
  ])("%d -> %d", (x, expected) => {
    expect(rint(x)).toBe(expected);
  });
});

describe("formatG (%g)", () => {
  test.each([
    [Number.MAX_VALUE, "1.79769e+308"],
    [0.5, "0.5"],
    [100, "100"],
    [1e-5, "1e-05"],
    [0.0001, "0.0001"],
    [123456789, "1.23457e+08"],
    [999999.5, "1e+06"],
    [1234565, "1.23456e+06"], // an exact tie rounds to even, as glibc does
    [1234575, "1.23458e+06"],
    [-1, "-1"],
    [0, "0"],
    [Infinity, "Infinity"],
    [-Infinity, "-Infinity"],
  ])("%d -> %s", (x, text) => {
    expect(formatG(x)).toBe(text);
  });
});
