import { identFileMappings } from "./ident-mappings";
import { memoryReader } from "../files";

const reader = memoryReader({
  "/d/users.txt": '# users\nu1, "u 2"\n+grp\n',
  "/d/inc/i.conf": "mi si pi\n",
  "/d/one.txt": "# one token\nsolo\n",
});

describe("identFileMappings", () => {
  const text = "m @users.txt x\n@users.txt\ninclude inc/i.conf\nm sys\nm @one.txt @one.txt\n";

  test("16+: includes followed, map_number on valid rows only", () => {
    expect(identFileMappings("/d/pg_ident.conf", { pgVersion: 16, text, reader })).toEqual([
      { map_number: null, file_name: "/d/pg_ident.conf", line_number: 1, map_name: null, sys_name: null, pg_username: null, error: "multiple values in ident field" },
      // The tokens of an @file all land in the one field that names it.
      { map_number: null, file_name: "/d/pg_ident.conf", line_number: 2, map_name: null, sys_name: null, pg_username: null, error: "multiple values in ident field" },
      { map_number: 1, file_name: "/d/inc/i.conf", line_number: 1, map_name: "mi", sys_name: "si", pg_username: "pi", error: null },
      { map_number: null, file_name: "/d/pg_ident.conf", line_number: 4, map_name: null, sys_name: null, pg_username: null, error: "missing entry at end of line" },
      { map_number: 2, file_name: "/d/pg_ident.conf", line_number: 5, map_name: "m", sys_name: "solo", pg_username: "solo", error: null },
    ]);
  });

  test("15: no includes, no map_number or file_name", () => {
    expect(identFileMappings("/d/pg_ident.conf", { pgVersion: 15, text, reader })).toEqual([
      { line_number: 1, map_name: null, sys_name: null, pg_username: null, error: "multiple values in ident field" },
      { line_number: 2, map_name: null, sys_name: null, pg_username: null, error: "multiple values in ident field" },
      { line_number: 3, map_name: null, sys_name: null, pg_username: null, error: "missing entry at end of line" },
      { line_number: 4, map_name: null, sys_name: null, pg_username: null, error: "missing entry at end of line" },
      { line_number: 5, map_name: "m", sys_name: "solo", pg_username: "solo", error: null },
    ]);
  });
});
