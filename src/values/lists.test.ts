import { listStyleOf, splitList } from "./lists";

describe("splitList", () => {
  test("identifiers: quoted kept as written, unquoted downcased, offsets cover the quotes", () => {
    expect(splitList('"$user", Public', "identifiers")).toEqual({
      ok: true,
      elements: [
        { value: "$user", start: 0, end: 7, quoted: true },
        { value: "public", start: 9, end: 15, quoted: false },
      ],
    });
    expect(splitList(' "Mixed""Case" ,x ', "identifiers")).toEqual({
      ok: true,
      elements: [
        { value: 'Mixed"Case', start: 1, end: 14, quoted: true },
        { value: "x", start: 16, end: 17, quoted: false },
      ],
    });
  });

  test("identifiers are truncated to 63 bytes", () => {
    const result = splitList("A".repeat(70), "identifiers");
    expect(result).toEqual({ ok: true, elements: [{ value: "a".repeat(63), start: 0, end: 70, quoted: false }] });
  });

  test("gucList neither downcases nor truncates", () => {
    expect(splitList("LocalHost, *", "gucList")).toEqual({
      ok: true,
      elements: [
        { value: "LocalHost", start: 0, end: 9, quoted: false },
        { value: "*", start: 11, end: 12, quoted: false },
      ],
    });
  });

  test("directories keep inner spaces and trim the ends", () => {
    expect(splitList(" /tmp/my dir , /var/run ", "directories")).toEqual({
      ok: true,
      elements: [
        { value: "/tmp/my dir", start: 1, end: 12, quoted: false },
        { value: "/var/run", start: 15, end: 23, quoted: false },
      ],
    });
    expect(splitList('"a,b",c', "directories")).toEqual({
      ok: true,
      elements: [
        { value: "a,b", start: 0, end: 5, quoted: true },
        { value: "c", start: 6, end: 7, quoted: false },
      ],
    });
  });

  test("an empty value or only spaces is an empty list; an empty quoted element is allowed", () => {
    expect(splitList("", "identifiers")).toEqual({ ok: true, elements: [] });
    expect(splitList("  \t", "directories")).toEqual({ ok: true, elements: [] });
    expect(splitList('""', "gucList")).toEqual({ ok: true, elements: [{ value: "", start: 0, end: 2, quoted: true }] });
  });

  test("malformed lists", () => {
    expect(splitList("a,,b", "identifiers")).toEqual({ ok: false, reason: "empty element", offset: 2 });
    expect(splitList("a, ", "gucList")).toEqual({ ok: false, reason: "empty element", offset: 3 });
    expect(splitList("a, ,b", "directories")).toEqual({ ok: false, reason: "empty element", offset: 3 });
    expect(splitList("a b", "identifiers")).toEqual({ ok: false, reason: "junk after element", offset: 2 });
    expect(splitList('"a"b', "gucList")).toEqual({ ok: false, reason: "junk after element", offset: 3 });
    expect(splitList('x, "abc', "directories")).toEqual({ ok: false, reason: "unterminated quote", offset: 3 });
  });
});

describe("listStyleOf", () => {
  test.each([
    ["shared_preload_libraries", 16, "directories"],
    ["unix_socket_directories", 12, "directories"],
    ["Search_Path", 16, "identifiers"],
    ["log_destination", 12, "identifiers"],
    ["temp_tablespaces", 18, "identifiers"],
    ["listen_addresses", 14, "gucList"],
    ["log_connections", 18, "identifiers"],
    ["log_connections", 17, undefined],
    ["work_mem", 16, undefined],
  ])("%s on %d is %s", (name, version, style) => {
    expect(listStyleOf(name, version)).toBe(style);
  });
});
