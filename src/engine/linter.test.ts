import { lintCluster } from "../../test/helpers/lint-cluster";
import { defineRule } from "./rule";
import type { Plugin } from "./rule";

// A plugin rule that flags every setting named "flagme": exercises the engine alone.
const flagPlugin: Plugin = {
  name: "test",
  rules: {
    flag: defineRule({
      meta: { description: "Flags flagme.", category: "correctness", files: ["conf"], defaultSeverity: "warn", presets: ["recommended"], fixable: true, messages: { flagged: "flagme set to {{value}}" }, references: [] },
      check(context) {
        for (const entry of context.cluster.occurrences("flagme")) {
          context.report({ messageId: "flagged", data: { value: entry.line.value }, filePath: entry.file.path, span: entry.line.nameSpan, fix: [{ range: [entry.line.valueSpan.start, entry.line.valueSpan.end], text: "0" }] });
        }
      },
    }),
  },
};

describe("engine", () => {
  test("syntax errors are always reported, with PostgreSQL's wording and line", () => {
    const run = lintCluster({ "postgresql.conf": "work_mem = 4MB\nbad line here\n" }, { extends: [], rules: {} });
    expect(run.lines).toEqual(['postgresql.conf:2:10 syntax-error syntax error in file "' + run.dir + '/postgresql.conf" line 2, near token "here": PostgreSQL will refuse to start (or ignore the whole file on reload) until this line is fixed.']);
    expect(run.results[0]).toMatchObject({ errorCount: 1, warningCount: 0 });
  });

  test("included files are linted with their main file, findings in their own result", () => {
    const run = lintCluster({ "postgresql.conf": "flagme = 1\ninclude 'extra.conf'\n", "extra.conf": "flagme = 2 # again\n" }, { extends: [], rules: { "test/flag": "error" } }, [flagPlugin]);
    expect(run.lines).toEqual(["extra.conf:1:1 test/flag flagme set to 2", "postgresql.conf:1:1 test/flag flagme set to 1"]);
    expect(run.results.map((r) => [r.errorCount, r.fixableErrorCount])).toEqual([[1, 1], [1, 1]]);
    expect(run.fixed()).toEqual({ "postgresql.conf": "flagme = 0\ninclude 'extra.conf'\n", "extra.conf": "flagme = 0 # again\n" });
  });

  test("keepSources: every file read, only those with problems or fixes, or none", () => {
    const files = { "postgresql.conf": "flagme = 1\ninclude 'extra.conf'\n", "extra.conf": "work_mem = 4MB\n", "pg_hba.conf": "local all all peer\n" };
    const config = { extends: [], rules: { "test/flag": "error" as const } };
    const kept = (keepSources?: "all" | "findings" | "none") => {
      const run = lintCluster(files, { ...config, ...(keepSources ? { keepSources } : {}) }, [flagPlugin]);
      return [...run.sources.keys()].map((filePath) => filePath.slice(run.dir.length + 1)).sort();
    };
    expect(kept()).toEqual(["extra.conf", "pg_hba.conf", "postgresql.conf"]);
    expect(kept("findings")).toEqual(["postgresql.conf"]);
    expect(kept("none")).toEqual([]);
  });

  test("directives: next-line, line, blocks, with justification; unknown ids and unused directives reported", () => {
    const conf = [
      "# pgconf-lint-disable-next-line test/flag -- legacy box",
      "flagme = 1",
      "flagme = 2 # pgconf-lint-disable-line test/flag",
      "# pgconf-lint-disable test/flag",
      "flagme = 3",
      "# pgconf-lint-enable test/flag",
      "flagme = 4",
      "# pgconf-lint-disable-line no-such-rule",
      "# pgconf-lint-disable-next-line test/flag",
      "work_mem = 1MB",
      "",
    ].join("\n");
    const run = lintCluster({ "postgresql.conf": conf }, { extends: [], rules: { "test/flag": "warn" }, reportUnused: "warn" }, [flagPlugin]);
    expect(run.lines).toEqual([
      "postgresql.conf:7:1 test/flag flagme set to 4",
      'postgresql.conf:8:1 - Unknown rule "no-such-rule" in a pgconf-lint-disable-line directive: check the rule id (`pgconf-lint rules` lists them).',
      "postgresql.conf:8:1 - Unused pgconf-lint-disable-line directive (no problem for \"no-such-rule\" was reported here): remove it.",
      "postgresql.conf:9:1 - Unused pgconf-lint-disable-next-line directive (no problem for \"test/flag\" was reported here): remove it.",
    ]);
    const suppressed = run.results[0]!.suppressedMessages;
    expect(suppressed.map((m) => [m.line, m.suppressions[0]!.justification])).toEqual([[2, "legacy box"], [3, ""], [5, ""]]);
    // Suppressed findings' fixes are not applied.
    expect(run.fixed()["postgresql.conf"]).toContain("flagme = 1\nflagme = 2 #");
  });

  test("a pg_hba.conf alone is linted with its directory's postgresql.conf as context", () => {
    const run = lintCluster({ "pg_hba.conf": "local all all trust\n", "conf/postgresql.conf": "" }, { extends: [] });
    expect(run.results.map((r) => r.kind)).toEqual(["hba"]);
  });

  test("unknown rules and bad severities in the config are configuration errors", () => {
    expect(() => lintCluster({ "postgresql.conf": "" }, { rules: { "no-such": "error" } })).toThrow('rules: unknown rule "no-such"');
    expect(() => lintCluster({ "postgresql.conf": "" }, { rules: { "syntax-error": "loud" as never } })).toThrow('rules["syntax-error"]: severity must be');
    expect(() => lintCluster({ "postgresql.conf": "" }, { extends: ["strict"] })).toThrow('unknown preset "strict"');
  });
});

test("oauth records are judged with the cluster's oauth_validator_libraries", () => {
  const hba = "host all all 10.0.0.0/8 oauth issuer=https://id.example.com scope=openid\n";
  const without = lintCluster({ "postgresql.conf": "", "pg_hba.conf": hba }, { extends: [], rules: { "hba-invalid-record": "error" } });
  expect(without.lines.join("\n")).toContain("oauth_validator_libraries");
  const withLibrary = lintCluster({ "postgresql.conf": "oauth_validator_libraries = 'myvalidator'\n", "pg_hba.conf": hba }, { extends: [], rules: { "hba-invalid-record": "error" } });
  expect(withLibrary.lines).toEqual([]);
});
