// The language server's smaller parts: minimal edits, the configuration cache, document paths.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { minimalEdit } from "../../src/lsp/actions";
import { ConfigCache } from "../../src/lsp/config-cache";
import { FramingFilter } from "../../src/lsp/framing";
import { documentKind, uriToPath } from "../../src/lsp/paths";

describe("minimalEdit", () => {
  test("keeps the common prefix and suffix", () => {
    expect(minimalEdit("work_mem = 4GB\n", "work_mem = 4GB\n")).toBeNull();
    expect(minimalEdit("a = 1\nb = 2\nc = 3\n", "a = 1\nb = '2'\nc = 3\n")).toEqual({ start: 10, end: 11, text: "'2'" });
    expect(minimalEdit("abc", "")).toEqual({ start: 0, end: 3, text: "" });
    expect(minimalEdit("", "x")).toEqual({ start: 0, end: 0, text: "x" });
  });

  test("never splits a surrogate pair or a CRLF", () => {
    const before = "x = '\u{1F600}'\r\n";
    const after = "x = '\u{1F601}'\r\n";
    const change = minimalEdit(before, after)!;
    expect(change).toEqual({ start: 5, end: 7, text: "\u{1F601}" });
    const crlf = minimalEdit("a\r\nb", "a\r\r\nb")!;
    expect("a\r\nb".slice(0, crlf.start) + crlf.text + "a\r\nb".slice(crlf.end)).toBe("a\r\r\nb");
    expect("a\r\nb"[crlf.start - 1]).not.toBe("\r");
  });
});

describe("ConfigCache", () => {
  function dir(files: Record<string, string>): string {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-lsp-config-")));
    for (const [relative, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      fs.writeFileSync(path.join(root, relative), content);
    }
    return root;
  }

  test("the nearest configuration, re-read when it changes on disk", () => {
    const root = dir({ ".pgconf-lint.json": JSON.stringify({ pgVersion: 14, extends: [] }), "sub/package.json": JSON.stringify({ name: "x" }), "other/package.json": JSON.stringify({ "pgconf-lint": { pgVersion: 16, extends: [] } }) });
    const cache = new ConfigCache();
    const first = cache.forFile(path.join(root, "sub/postgresql.conf"));
    expect(first.pgVersion).toBe(14);
    expect(first.rules.map((rule) => rule.registered.id)).toEqual(["syntax-error"]);
    // Unchanged: the same resolution.
    expect(cache.forFile(path.join(root, "sub/postgresql.conf")).registry).toBe(first.registry);
    expect(cache.forFile(path.join(root, "other/postgresql.conf")).pgVersion).toBe(16);
    fs.writeFileSync(path.join(root, ".pgconf-lint.json"), JSON.stringify({ pgVersion: 15, extends: [], ignores: ["sub/ignored.conf"] }));
    expect(cache.forFile(path.join(root, "sub/postgresql.conf")).pgVersion).toBe(15);
    expect(cache.forFile(path.join(root, "sub/ignored.conf")).ignored).toBe(true);
    // A new, nearer file wins at once.
    fs.writeFileSync(path.join(root, "sub/.pgconf-lint.json"), JSON.stringify({ pgVersion: 12 }));
    expect(cache.forFile(path.join(root, "sub/postgresql.conf")).pgVersion).toBe(12);
  });

  test("the default version when none is configured; a broken file throws its error", () => {
    const root = dir({});
    expect(new ConfigCache(13).forFile(path.join(root, "postgresql.conf")).pgVersion).toBe(13);
    fs.writeFileSync(path.join(root, ".pgconf-lint.json"), '{"rules": {"no-such-rule": "error"}}');
    expect(() => new ConfigCache().forFile(path.join(root, "postgresql.conf"))).toThrow(/unknown rule "no-such-rule"/);
  });
});

describe("document paths and kinds", () => {
  test("file URIs are paths; other documents get a stand-in under the workspace", () => {
    expect(uriToPath("file:///etc/postgresql/16/main/postgresql.conf", "pgconf", "/w")).toBe("/etc/postgresql/16/main/postgresql.conf");
    expect(uriToPath("file:///tmp/a%20b/pg_hba.conf", "pghba", "/w")).toBe("/tmp/a b/pg_hba.conf");
    expect(uriToPath("untitled:Untitled-1", "pghba", "/w")).toMatch(/^\/w\/\.pgconf-lint-virtual-[0-9a-f]+\/pg_hba\.conf$/);
    expect(documentKind("/x/pg_ident.conf", "pgconf")).toBe("ident");
    expect(documentKind("/x/custom.conf", "pghba")).toBe("hba");
    expect(documentKind("/x/custom.conf", "plaintext")).toBe("conf");
  });
});

describe("FramingFilter", () => {
  function run(chunks: Buffer[]): { out: string[]; problems: string[] } {
    const problems: string[] = [];
    const filter = new FramingFilter((problem) => problems.push(problem));
    const out: string[] = [];
    filter.on("data", (data: Buffer) => out.push(data.toString("utf8")));
    for (const chunk of chunks) filter.write(chunk);
    return { out, problems };
  }
  const message = (body: string, extra = ""): string => `Content-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

  test("passes messages through whole, however the bytes are split; drops headers without a length", () => {
    const stream = message('{"a":"é"}') + "X-Junk: 1\r\n\r\n" + message("{}", "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n") + "content-length: x\r\n\r\n" + message("");
    const expected = [message('{"a":"é"}'), message("{}"), message("")];
    const bytes = Buffer.from(stream, "utf8");
    expect(run([bytes]).out).toEqual(expected);
    const single = run([...bytes].map((byte) => Buffer.from([byte])));
    expect(single.out).toEqual(expected);
    expect(single.problems).toHaveLength(2);
    expect(single.problems[0]).toMatch(/dropped a message header without a Content-Length: "X-Junk: 1"/);
  });

  test("a large body in many chunks; garbage without a header end is dropped in pieces", () => {
    const body = JSON.stringify({ text: "x".repeat(3_000_000) });
    const bytes = Buffer.from(message(body));
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 65536) chunks.push(bytes.subarray(i, i + 65536));
    expect(run(chunks).out).toEqual([message(body)]);
    const garbage = run([Buffer.alloc(200_000, 0x41), Buffer.from(message("{}"))]);
    expect(garbage.out).toEqual([message("{}")]);
    expect(garbage.problems.length).toBeGreaterThan(0);
  });
});
