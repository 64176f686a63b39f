import { formatMessage, MAX_QUOTED_CHARS } from "./messages";

describe("formatMessage", () => {
  test("fills every placeholder, spaces inside the braces allowed, numbers and booleans as text", () => {
    expect(formatMessage("{{name}} = {{ value }}: {{n}} {{ok}}{{name}}", { name: "ssl", value: "off", n: 3, ok: false })).toBe("ssl = off: 3 falsessl");
    expect(formatMessage("no placeholders")).toBe("no placeholders");
    // The same template again (parsed once, then reused) with other data.
    expect(formatMessage("{{name}} = {{ value }}: {{n}} {{ok}}{{name}}", { name: "x", value: "1", n: 0, ok: true })).toBe("x = 1: 0 truex");
  });

  test("a placeholder without data is the rule's bug, named in the error", () => {
    expect(() => formatMessage("{{missing}}", {}, "my-rule")).toThrow('Rule "my-rule": message placeholder "{{missing}}" has no value in the reported data.');
    expect(() => formatMessage("{{toString}}", {}, "my-rule")).toThrow("has no value");
  });

  test("a value longer than MAX_QUOTED_CHARS keeps its first 400 and last 100 characters and says how many were left out", () => {
    const whole = "c".repeat(MAX_QUOTED_CHARS);
    expect(formatMessage('"{{value}}"', { value: whole })).toBe(`"${whole}"`);
    const long = `${"h".repeat(400)}${"m".repeat(10_485_760 - 500)}${"t".repeat(100)}`;
    expect(formatMessage('bad "{{value}}": fix it', { value: long })).toBe(`bad "${"h".repeat(400)}…(10,485,260 characters left out)…${"t".repeat(100)}": fix it`);
    expect(formatMessage("{{value}}", { value: `${whole}x` })).toBe(`${"c".repeat(400)}…(1 characters left out)…${"c".repeat(99)}x`);
    // A character outside the BMP across either cut is left out whole, not halved.
    const pairs = `${"d".repeat(399)}😀${"e".repeat(200)}😀${"f".repeat(99)}`;
    expect(formatMessage("{{value}}", { value: pairs })).toBe(`${"d".repeat(399)}…(202 characters left out)…${"f".repeat(99)}`);
  });
});
