import { FORMAT_NAMES, loadFormatter, UnknownFormatError } from ".";
import { formatGithub } from "./github";
import { formatJson } from "./json";
import { formatRdjson } from "./rdjson";
import { formatSarif } from "./sarif";
import { formatStylish } from "./stylish";

describe("loadFormatter", () => {
  test("gives each format's own formatter", () => {
    expect(FORMAT_NAMES.map((name) => loadFormatter(name))).toEqual([formatStylish, formatJson, formatSarif, formatGithub, formatRdjson]);
  });

  test.each(["checkstyle", "Stylish", "toString", "__proto__", ""])("rejects %j, listing the formats", (name) => {
    expect(() => loadFormatter(name)).toThrow(UnknownFormatError);
    expect(() => loadFormatter(name)).toThrow(`Unknown format "${name}"; the formats are: stylish, json, sarif, github, rdjson.`);
  });
});
