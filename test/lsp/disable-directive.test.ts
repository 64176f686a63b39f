// "Disable RULE for this line": where the directive goes, and that the engine then honours it.
import { parseDirective } from "../../src/engine/directives";
import { parseConf } from "../../src/model/conf";
import { disableRuleEdit } from "../../src/lsp/disable-directive";
import type { TextChange } from "../../src/lsp/disable-directive";
import type { FileKind } from "../../src/kinds";

function apply(text: string, change: TextChange): string {
  return text.slice(0, change.start) + change.text + text.slice(change.end);
}

function disable(text: string, kind: FileKind, line: number, rule = "some-rule"): string {
  return apply(text, disableRuleEdit(text, kind, 18, line, rule));
}

describe("postgresql.conf", () => {
  test("a line without a comment gets a trailing directive", () => {
    expect(disable("work_mem = 4GB\nssl = on\n", "conf", 1)).toBe("work_mem = 4GB  # pgconf-lint-disable-line some-rule\nssl = on\n");
    // Trailing blanks are kept in front of the comment; CRLF and a missing final newline are kept.
    expect(disable("a = 1\r\nwork_mem = 4GB \r\n", "conf", 2)).toBe("a = 1\r\nwork_mem = 4GB # pgconf-lint-disable-line some-rule\r\n");
    expect(disable("a = 1\nwork_mem = 4GB", "conf", 2)).toBe("a = 1\nwork_mem = 4GB  # pgconf-lint-disable-line some-rule");
  });

  test("a line with a comment gets a directive on the line above, indented like it", () => {
    expect(disable("a = 1\n    work_mem = 4GB   # big\n", "conf", 2)).toBe("a = 1\n    # pgconf-lint-disable-next-line some-rule\n    work_mem = 4GB   # big\n");
    expect(disable("\twork_mem = 4GB # big\r\n", "conf", 1)).toBe("\t# pgconf-lint-disable-next-line some-rule\r\n\twork_mem = 4GB # big\r\n");
  });

  test("a line with a syntax error still takes a trailing comment (a quote cannot span it)", () => {
    expect(disable("x = 'abc\n", "conf", 1)).toBe("x = 'abc  # pgconf-lint-disable-line some-rule\n");
  });

  test("an existing directive is extended", () => {
    expect(disable("work_mem = 4GB  # pgconf-lint-disable-line other -- why\n", "conf", 1)).toBe("work_mem = 4GB  # pgconf-lint-disable-line other, some-rule -- why\n");
    expect(disable("# pgconf-lint-disable-next-line other\nwork_mem = 4GB # big\n", "conf", 2)).toBe("# pgconf-lint-disable-next-line other, some-rule\nwork_mem = 4GB # big\n");
    // A plain comment above is not a directive: a new line goes in between.
    expect(disable("# memory\nwork_mem = 4GB # big\n", "conf", 2)).toBe("# memory\n# pgconf-lint-disable-next-line some-rule\nwork_mem = 4GB # big\n");
  });

  test("the directive added is one the engine reads for that line", () => {
    const text = disable("a = 1\nwork_mem = 4GB\n", "conf", 2, "example/no-work-mem-over-1gb");
    const line = parseConf(text).lines[1]!;
    expect(line.kind).toBe("setting");
    const comment = line.kind === "setting" ? line.comment : null;
    expect(parseDirective(comment!, line.span)).toMatchObject({ kind: "disable-line", ruleIds: ["example/no-work-mem-over-1gb"] });
  });
});

describe("pg_hba.conf / pg_ident.conf", () => {
  test("trailing comment on a one-line record, the line above otherwise", () => {
    expect(disable("local all all trust\n", "hba", 1)).toBe("local all all trust  # pgconf-lint-disable-line some-rule\n");
    expect(disable("  host all all 0.0.0.0/0 md5 # legacy\n", "hba", 1)).toBe("  # pgconf-lint-disable-next-line some-rule\n  host all all 0.0.0.0/0 md5 # legacy\n");
    expect(disable("mymap  root  postgres\n", "ident", 1)).toBe("mymap  root  postgres  # pgconf-lint-disable-line some-rule\n");
  });

  test("a record continued over several lines gets the directive above its first line", () => {
    expect(disable("host all all \\\n  0.0.0.0/0 md5\n", "hba", 1)).toBe("# pgconf-lint-disable-next-line some-rule\nhost all all \\\n  0.0.0.0/0 md5\n");
  });

  test("a quoted token left open swallows a trailing #: the directive goes above", () => {
    expect(disable('host "all all 0.0.0.0/0 md5\n', "hba", 1)).toBe('# pgconf-lint-disable-next-line some-rule\nhost "all all 0.0.0.0/0 md5\n');
  });
});
