// Verdicts as pg_file_settings showed them on PostgreSQL 12 and 18 (one line per file).
import { checkValue } from "./check";
import { checkStringHook } from "./string-hooks";
import * as p from "./test-parameters";

describe("checkStringHook", () => {
  test.each([
    ["search_path", "a b"],
    ["search_path", '"unterminated'],
    ["search_path", "a,,b"],
    ["search_path", "a,"],
    ["temp_tablespaces", "a b"],
    ["log_destination", "stderr,,csvlog"],
    ["DateStyle", "iso mdy"],
    ["wal_consistency_checking", "heap x"],
    ["restrict_nonsystem_relation_kind", "view x"],
  ])("%s = '%s': list syntax is invalid", (name, value) => {
    expect(checkStringHook(name, value, 15)).toEqual({ detail: "List syntax is invalid." });
  });

  test.each([
    ["search_path", ""],
    ["search_path", " "],
    ["search_path", '"$user", public'],
    ["temp_tablespaces", "nosuch"], // a missing tablespace is skipped, not refused
    ["shared_preload_libraries", "a b"], // no hook: split when the libraries are loaded
    ["synchronous_standby_names", ""], // not parsed
    ["application_name", "a,,b"],
  ])("%s = '%s' is accepted", (name, value) => {
    expect(checkStringHook(name, value, 15)).toBeNull();
  });

  test("log_connections is a list from 18 on", () => {
    expect(checkStringHook("log_connections", "receipt x", 18)).toEqual({ detail: "List syntax is invalid." });
  });

  test("synchronous_standby_names: a syntax error is a DETAIL, a count of zero its own message", () => {
    expect(checkStringHook("synchronous_standby_names", "{{ x }}", 15)).toEqual({ detail: 'syntax error at or near "{"' });
    expect(checkStringHook("synchronous_standby_names", "0 (a)", 15)).toEqual({ message: "number of synchronous standbys (0) must be greater than zero" });
  });

  test("checkValue runs the hooks of string parameters", () => {
    const searchPath = { ...p.applicationName, name: "search_path" };
    expect(checkValue(searchPath, "1 gb", 15)).toEqual({ ok: false, message: 'invalid value for parameter "search_path": "1 gb"', detail: "List syntax is invalid." });
    expect(checkValue(searchPath, "a, b", 15)).toEqual({ ok: true, value: "a, b" });
  });
});
