// Hover, completion and go-to-definition on their own (the protocol is tested in server.test.ts).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { confCompletions } from "../../src/lsp/completion";
import { definitionAt } from "../../src/lsp/definition";
import { confHover, docsUrl, withUnit } from "../../src/lsp/hover";
import { loadCatalog, lookupParameter } from "../../src/catalog";

/** The offset of the `|` marker, and the text without it. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf("|");
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

describe("hover", () => {
  test("a setting's name: description, type, unit, range, default, context, docs of the version", () => {
    const { text, offset } = at("shared_buffers = 1GB\nwork|_mem = 64MB  # sorts\n");
    const hover = confHover(text, offset, 18, "/etc/postgresql.conf")!;
    expect(hover).toMatchObject({ start: 21, end: 29 });
    expect(hover.markdown).toContain("**work_mem** — Sets the maximum memory to be used for query workspaces.");
    expect(hover.markdown).toContain("| Type | integer (unit: kB) |");
    expect(hover.markdown).toContain("| Range | 64kB … 2147483647kB |");
    expect(hover.markdown).toContain("| Default | 4096kB (4MB) |");
    expect(hover.markdown).toContain("| Context | user: **reload**");
    expect(hover.markdown).toContain("[PostgreSQL 18 documentation](https://www.postgresql.org/docs/18/runtime-config-resource.html#GUC-WORK-MEM)");
    const restart = confHover("shared_buffers = 1GB\n", 3, 13, "/etc/postgresql.conf")!.markdown;
    expect(restart).toContain("| Default | 1024 × 8kB (8MB) |");
    expect(restart).toContain("postmaster: **restart** the server");
    expect(restart).toContain("https://www.postgresql.org/docs/13/runtime-config-resource.html#GUC-SHARED-BUFFERS");
  });

  test("commented-out settings of the stock sample, enums, removed and misspelt names", () => {
    expect(confHover("#wal_level = replica\t\t# minimal, replica, or logical\n", 3, 18, "/x/postgresql.conf")!.markdown).toContain("| Values | `minimal`, `replica`, `logical` |");
    expect(confHover("#wal_level = replica\n", 15, 18, "/x/postgresql.conf")).toBeNull();
    expect(confHover("checkpoint_segments = 3\n", 2, 18, "/x/postgresql.conf")!.markdown).toMatch(/^\*\*checkpoint_segments\*\* — removed in PostgreSQL 9\.5/);
    expect(confHover("work_mme = 3\n", 2, 18, "/x/postgresql.conf")!.markdown).toContain("did you mean `work_mem`?");
    expect(confHover("pg_stat_statements.max = 5000\n", 2, 18, "/x/postgresql.conf")!.markdown).toContain("https://www.postgresql.org/docs/18/pgstatstatements.html");
    expect(confHover("# just a comment\n", 4, 18, "/x/postgresql.conf")).toBeNull();
  });

  test("an include shows the file it reads", () => {
    const { text, offset } = at("include_dir = 'conf|.d'\n");
    expect(confHover(text, offset, 18, "/etc/pg/postgresql.conf")!.markdown).toBe("`include_dir` → `/etc/pg/conf.d`");
  });

  test("units and documentation pages", () => {
    expect(withUnit(300, "s")).toBe("300s (5min)");
    expect(withUnit(-1, "ms")).toBe("-1ms");
    expect(withUnit(16384, "8kB")).toBe("16384 × 8kB (128MB)");
    expect(withUnit(64, null)).toBe("64");
    // Every category of every supported version has a page.
    for (const version of [12, 13, 14, 15, 16, 17, 18]) {
      for (const parameter of loadCatalog(version).parameters) expect(docsUrl(parameter, version)).not.toMatch(/\/runtime-config\.html/);
    }
    expect(docsUrl(lookupParameter(loadCatalog(12), "update_process_title")!, 12)).toBe("https://www.postgresql.org/docs/12/runtime-config-logging.html#GUC-UPDATE-PROCESS-TITLE");
  });
});

describe("completion", () => {
  test("parameter names where a name goes, with `name = ` on an empty line", () => {
    const { text, offset } = at("ssl = on\nwal_l|\n");
    const items = confCompletions(text, offset, 18);
    const walLevel = items.find((item) => item.label === "wal_level")!;
    expect(walLevel).toMatchObject({ kind: "parameter", detail: "enum · postmaster", start: 9, end: 14, newText: "wal_level = " });
    expect(items.find((item) => item.label === "include_if_exists")).toMatchObject({ kind: "keyword", newText: "include_if_exists = ''" });
    expect(items.length).toBe(loadCatalog(18).parameters.length + 3);
    // Renaming an existing setting: the whole name is replaced, nothing appended.
    const rename = at("wal_|level = replica\n");
    expect(confCompletions(rename.text, rename.offset, 18).find((item) => item.label === "wal_level")).toMatchObject({ start: 0, end: 9, newText: "wal_level" });
    // Versions differ: summarize_wal is 17+.
    expect(confCompletions("summ", 4, 16).some((item) => item.label === "summarize_wal")).toBe(false);
    expect(confCompletions("summ", 4, 17).some((item) => item.label === "summarize_wal")).toBe(true);
  });

  test("enum and bool values after the name", () => {
    const labels = (marked: string): string[] => {
      const { text, offset } = at(marked);
      return confCompletions(text, offset, 18).map((item) => item.label);
    };
    expect(labels("wal_level = |")).toEqual(["minimal", "replica", "logical"]);
    expect(labels("wal_level = rep|")).toEqual(["minimal", "replica", "logical"]);
    expect(labels("wal_level '|")).toEqual(["minimal", "replica", "logical"]);
    expect(labels("ssl = |")).toEqual(["on", "off", "true", "false"]);
    expect(labels("work_mem = |")).toEqual([]);
    expect(labels("# wal_level = |")).toEqual([]);
    expect(labels("nonsense = |")).toEqual([]);
    const { text, offset } = at("wal_level = rep| # comment");
    expect(confCompletions(text, offset, 18).find((item) => item.label === "replica")).toMatchObject({ start: 12, end: 15, newText: "replica", detail: "wal_level (default)" });
  });
});

describe("definition", () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-lsp-def-")));
  fs.mkdirSync(path.join(dir, "conf.d"));
  for (const name of ["b.conf", "a.conf", ".hidden.conf", "notes.txt"]) fs.writeFileSync(path.join(dir, "conf.d", name), "");
  fs.writeFileSync(path.join(dir, "extra.conf"), "");
  fs.writeFileSync(path.join(dir, "users"), "alice\n");
  const main = path.join(dir, "postgresql.conf");

  test("include, include_if_exists, include_dir in postgresql.conf", () => {
    const text = "include 'extra.conf'\ninclude_if_exists = 'missing.conf'\ninclude_dir 'conf.d'\nwork_mem = 4MB\n";
    expect(definitionAt(text, 12, main, "conf", 18)).toEqual({ start: 8, end: 20, files: [path.join(dir, "extra.conf")] });
    expect(definitionAt(text, 2, main, "conf", 18)?.files).toEqual([path.join(dir, "extra.conf")]);
    expect(definitionAt(text, 25, main, "conf", 18)?.files).toEqual([]);
    expect(definitionAt(text, text.indexOf("conf.d"), main, "conf", 18)?.files).toEqual([path.join(dir, "conf.d/a.conf"), path.join(dir, "conf.d/b.conf")]);
    expect(definitionAt(text, text.indexOf("work_mem"), main, "conf", 18)).toBeNull();
    // Relative to the including file's directory.
    expect(definitionAt("include '../extra.conf'\n", 10, path.join(dir, "conf.d/a.conf"), "conf", 18)?.files).toEqual([path.join(dir, "extra.conf")]);
  });

  test("pg_hba.conf: include directives (16+) and @file references", () => {
    const hba = path.join(dir, "pg_hba.conf");
    const text = "include extra.conf\nhost all @users 10.0.0.0/8 scram-sha-256\n";
    expect(definitionAt(text, 10, hba, "hba", 16)?.files).toEqual([path.join(dir, "extra.conf")]);
    expect(definitionAt(text, text.indexOf("@users") + 2, hba, "hba", 16)).toEqual({ start: text.indexOf("@users"), end: text.indexOf("@users") + 6, files: [path.join(dir, "users")] });
    expect(definitionAt(text, text.indexOf("host"), hba, "hba", 16)).toBeNull();
  });
});
