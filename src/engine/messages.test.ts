import { formatMessage } from "./messages";

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
});
