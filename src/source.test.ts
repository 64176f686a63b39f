import { SourceText } from "./source";

/** Line and column by counting, the slow way. */
function naivePosition(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

describe("SourceText positions", () => {
  const text = "a = 1\n\n# c\r\nbb = 'x'\nlast";
  test("agree with counting, asked in order, backwards and at random", () => {
    const offsets = [...Array(text.length + 1).keys()];
    let seed = 3;
    const shuffled = offsets.map((o) => [o, (seed = (seed * 48271) % 2147483647)] as const).sort((a, b) => a[1] - b[1]).map(([o]) => o);
    for (const order of [offsets, [...offsets].reverse(), shuffled]) {
      const source = new SourceText(text);
      for (const offset of order) expect([offset, source.positionAt(offset)]).toEqual([offset, naivePosition(text, offset)]);
    }
  });

  test("a span resolves both ends, across lines", () => {
    const source = new SourceText(text);
    expect(source.span(2, 15)).toEqual({ start: 2, end: 15, line: 1, column: 3, endLine: 4, endColumn: 4 });
    expect(source.span(0, 0)).toEqual({ start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 });
    expect(source.span(text.length, text.length)).toEqual({ start: text.length, end: text.length, line: 5, column: 5, endLine: 5, endColumn: 5 });
  });

  test("an empty text has one line", () => {
    expect(new SourceText("").positionAt(0)).toEqual({ line: 1, column: 1 });
  });
});
