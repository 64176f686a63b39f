import { lineAtOffset } from "./line-at";

const lines = [
  { name: "a", span: { start: 0, end: 4 } },
  { name: "b", span: { start: 4, end: 4 } },
  { name: "c", span: { start: 4, end: 9 } },
];

describe("lineAtOffset", () => {
  it("finds the line whose span holds the offset (an empty line holds nothing)", () => {
    expect([0, 3, 4, 8].map((offset) => lineAtOffset(lines, offset, false)?.name)).toEqual(["a", "a", "c", "c"]);
  });

  it("gives the end of the text to the last line only when asked", () => {
    expect(lineAtOffset(lines, 9, true)?.name).toBe("c");
    expect(lineAtOffset(lines, 9, false)).toBeUndefined();
    expect(lineAtOffset(lines, 10, true)).toBeUndefined();
    expect(lineAtOffset([], 0, true)).toBeUndefined();
  });
});
