import { timingListLength, timingTable } from "./timing";

describe("TIMING", () => {
  test("how many rules are listed: unset none, 1 (or any count below ten) ten, all every one", () => {
    expect(timingListLength({})).toBe(0);
    expect(timingListLength({ TIMING: "" })).toBe(0);
    expect(timingListLength({ TIMING: "1" })).toBe(10);
    expect(timingListLength({ TIMING: "25" })).toBe(25);
    expect(timingListLength({ TIMING: "all" })).toBe(Number.POSITIVE_INFINITY);
  });

  test("the table has ESLint's layout: slowest first, times in ms, share of all rules' time", () => {
    const times = new Map([
      ["ssl-ciphers", 1.5],
      ["invalid-value", 6],
      ["auth-delay", 2.5],
    ]);
    expect(timingTable(2, times)).toBe(
      ["Rule          | Time (ms) | Relative", ":-------------|----------:|--------:", "invalid-value |     6.000 |    60.0%", "auth-delay    |     2.500 |    25.0%", ""].join("\n"),
    );
    expect(timingTable(10, new Map())).toBe("");
  });
});
