import type { Edit } from "../engine/types";
import { applyEdits, fixUntilStable } from "./apply";

const edit = (start: number, end: number, text: string): Edit => ({ range: [start, end], text });

describe("applyEdits", () => {
  test("applies non-overlapping fixes whatever the order they are given in", () => {
    const text = "alpha beta gamma";
    expect(applyEdits(text, [[edit(11, 16, "GAMMA")], [edit(0, 5, "ALPHA")]])).toEqual({
      output: "ALPHA beta GAMMA",
      applied: [0, 1],
      skipped: [],
    });
  });

  test("a multi-edit fix is applied whole, its edits in any order", () => {
    expect(applyEdits("a = 1", [[edit(5, 5, "'"), edit(4, 4, "'")]])).toEqual({ output: "a = '1'", applied: [0], skipped: [] });
  });

  test("touching edits are both applied", () => {
    expect(applyEdits("abcdef", [[edit(0, 3, "X")], [edit(3, 6, "Y")]]).output).toBe("XY");
    // An insertion where a replacement ends, and one where a replacement starts.
    expect(applyEdits("abcdef", [[edit(0, 3, "X")], [edit(3, 3, "+")]]).output).toBe("X+def");
    expect(applyEdits("abcdef", [[edit(3, 6, "Y")], [edit(3, 3, "+")]]).output).toBe("abc+Y");
  });

  test("of two overlapping fixes the one that starts first wins and the other is skipped", () => {
    expect(applyEdits("abcdef", [[edit(2, 5, "Y")], [edit(1, 3, "X")]])).toEqual({ output: "aXdef", applied: [1], skipped: [0] });
  });

  test("on the same start the earlier fix in the list wins", () => {
    expect(applyEdits("abcdef", [[edit(1, 2, "X")], [edit(1, 4, "Y")]])).toEqual({ output: "aXcdef", applied: [0], skipped: [1] });
  });

  test("two insertions at the same offset collide", () => {
    expect(applyEdits("ab", [[edit(1, 1, "X")], [edit(1, 1, "Y")]])).toEqual({ output: "aXb", applied: [0], skipped: [1] });
  });

  test("a fix is skipped whole when any one of its edits collides, even a later one", () => {
    // Fix 0 starts first and is taken; fix 1's first edit is clear but its second hits fix 0's.
    const fixes = [[edit(0, 1, "A"), edit(8, 9, "I")], [edit(2, 3, "C"), edit(7, 9, "!!")], [edit(4, 5, "E")]];
    expect(applyEdits("abcdefghi", fixes)).toEqual({ output: "AbcdEfghI", applied: [0, 2], skipped: [1] });
  });

  test("an edit that falls between two accepted edits and hits neither is applied", () => {
    // Fix 0 spans the text with edits at both ends; fix 1 sits in the gap between them.
    const fixes = [[edit(0, 1, "A"), edit(9, 10, "J")], [edit(4, 6, "EF")]];
    expect(applyEdits("abcdefghij", fixes)).toEqual({ output: "AbcdEFghiJ", applied: [0, 1], skipped: [] });
    // And an edit that covers one of the accepted edits collides.
    expect(applyEdits("abcdefghij", [[edit(0, 1, "A"), edit(9, 10, "J")], [edit(5, 10, "")]]).skipped).toEqual([1]);
  });

  test("agrees with an all-pairs check on random fixes", () => {
    // applyEdits checks a new edit only against its neighbours among the accepted edits; this
    // compares it with the obvious quadratic merge on many small random cases.
    let seed = 12345;
    const random = (n: number): number => {
      // A linear congruential generator; its low bits cycle quickly, so take the high ones.
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed >>> 16) % n;
    };
    const collide = (a: Edit, b: Edit): boolean =>
      (a.range[0] < b.range[1] && b.range[0] < a.range[1]) || (a.range[0] === a.range[1] && String(a.range) === String(b.range));
    const text = "0123456789abcdefghij";
    for (let round = 0; round < 2000; round++) {
      const fixes: Edit[][] = [];
      for (let f = random(6); f >= 0; f--) {
        const edits: Edit[] = [];
        for (let e = random(3); e >= 0; e--) {
          const start = random(text.length + 1);
          const candidate = edit(start, Math.min(text.length, start + random(4)), `<${fixes.length}>`);
          if (!edits.some((other) => collide(other, candidate))) edits.push(candidate);
        }
        fixes.push(edits);
      }
      const order = fixes
        .map((edits, index) => ({ index, start: Math.min(...edits.map((e) => e.range[0])) }))
        .sort((a, b) => a.start - b.start || a.index - b.index);
      const taken: Edit[] = [];
      const applied: number[] = [];
      for (const { index } of order) {
        if (fixes[index]!.some((e) => taken.some((t) => collide(t, e)))) continue;
        taken.push(...fixes[index]!);
        applied.push(index);
      }
      let expected = text;
      for (const e of [...taken].sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1])) {
        expected = expected.slice(0, e.range[0]) + e.text + expected.slice(e.range[1]);
      }
      const result = applyEdits(text, fixes);
      expect(result.applied).toEqual(applied.sort((a, b) => a - b));
      expect(result.output).toBe(expected);
    }
  });

  test("no fixes leave the text as it is", () => {
    expect(applyEdits("x", [])).toEqual({ output: "x", applied: [], skipped: [] });
  });

  test("edits count UTF-16 code units, so a surrogate pair is two", () => {
    expect(applyEdits("a😀b", [[edit(1, 3, "-")]]).output).toBe("a-b");
  });

  test("a rule's bug throws: overlapping edits in one fix, an empty fix, a range outside the text", () => {
    expect(() => applyEdits("abcdef", [[edit(0, 3, "X"), edit(2, 4, "Y")]])).toThrow("fix #0 has overlapping edits at [2, 4]");
    expect(() => applyEdits("abcdef", [[edit(0, 1, "A")], [edit(2, 2, "X"), edit(2, 2, "Y")]])).toThrow(
      "fix #1 has overlapping edits at [2, 2]",
    );
    expect(() => applyEdits("abc", [[]])).toThrow("fix #0 has no edits");
    expect(() => applyEdits("abc", [[edit(2, 4, "")]])).toThrow("fix #0 has an invalid range [2, 4] for a text of length 3");
    expect(() => applyEdits("abc", [[edit(2, 1, "")]])).toThrow("fix #0 has an invalid range [2, 1] for a text of length 3");
    expect(() => applyEdits("abc", [[edit(-1, 1, "")]])).toThrow("invalid range");
  });
});

describe("fixUntilStable", () => {
  // A "rule" that wants every "a" upper-cased but proposes, per pass, only fixes that overlap:
  // each fix rewrites an "a" and the character after it, so neighbours collide.
  const upperCaseA = (text: string): Edit[][] => {
    const fixes: Edit[][] = [];
    for (let i = text.indexOf("a"); i !== -1; i = text.indexOf("a", i + 1)) {
      fixes.push([edit(i, Math.min(i + 2, text.length), "A" + text.slice(i + 1, i + 2))]);
    }
    return fixes;
  };

  test("repeats passes until no fix is left, counting the passes that changed the text", () => {
    // "aaaa": pass 1 fixes positions 0 and 2 (1 and 3 collide), pass 2 fixes 1 and 3.
    const seen: string[] = [];
    const result = fixUntilStable("aaaa", (text) => {
      seen.push(text);
      return upperCaseA(text);
    });
    expect(result).toEqual({ output: "AAAA", passes: 2, remainingFixable: false });
    expect(seen).toEqual(["aaaa", "AaAa", "AAAA"]);
  });

  test("no fixes: no pass", () => {
    expect(fixUntilStable("xyz", upperCaseA)).toEqual({ output: "xyz", passes: 0, remainingFixable: false });
  });

  test("stops at the pass limit and reports that fixes remain", () => {
    let calls = 0;
    const appendX = (text: string): Edit[][] => {
      calls++;
      return [[edit(text.length, text.length, "x")]];
    };
    expect(fixUntilStable("", appendX, 3)).toEqual({ output: "xxx", passes: 3, remainingFixable: true });
    expect(calls).toBe(4);
  });

  test("stops when the fixes no longer change the text", () => {
    let calls = 0;
    const rewriteSame = (text: string): Edit[][] => {
      calls++;
      return [[edit(0, 1, text.slice(0, 1))]];
    };
    expect(fixUntilStable("abc", rewriteSame)).toEqual({ output: "abc", passes: 0, remainingFixable: true });
    expect(calls).toBe(1);
  });
});
