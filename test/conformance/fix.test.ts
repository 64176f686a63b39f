// `--fix` against real servers (issue 6): for every conf fixture, the hardening guide's snippet,
// each version's stock postgresql.conf.sample, the corpus conf files, the hba fixtures and
// corpus files (alone, and beside a postgresql.conf with ssl = on and scram-sha-256) and the
// ident ones, fixed with the recommended preset for the target version (the guide, fixtures and
// samples on 12-18; the corpus, hba and ident files on 13, 16 and 18):
// - the CLI's --fix writes what the fix loop (lint, applyEdits, re-lint) computes, and a second
//   --fix changes nothing;
// - every full-line comment of the input is still in the output, where it was, unless an
//   applied edit touched that very line;
// - the CLI's --diff, written as the CLI writes it, passes `git apply --check` and applies to
//   the text --fix writes;
// - the server of that version: pg_file_settings (conf), pg_hba_file_rules (hba; with ssl = on
//   beside that postgresql.conf) or pg_ident_file_mappings shows no error the original did not
//   have, and where `postgres -C` accepted the original it accepts the fixed file.
// The guide's snippet, on every version 12-18, has no error finding left and no error row at
// all, `postgres -C` accepts it, and its diff on 15 is the one the README shows.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { FileKind } from "../../src/kinds";
import { encodeText } from "../../src/source";
import type { PgVersion } from "../../src/views/types";
import { fixLoop, jsonResults, runCli, writeFiles } from "../helpers/fix-loop";
import { serverUser } from "../oracle/installations";
import { OracleServer, requireOracles } from "../oracle/server";
import { writeReport } from "./compare";
import { corpusInputs, fixtureInputs, REPO_ROOT, sampleInputs } from "./inputs";
import type { ConformanceInput } from "./inputs";

const ALL_VERSIONS = [12, 13, 14, 15, 16, 17, 18];
const VERSIONS = requireOracles(ALL_VERSIONS);
/** The corpus and the hba files on three versions (the runtime); fixtures, samples and the guide on all. */
const CORPUS_VERSIONS = new Set([13, 16, 18]);
const GUIDE = fs.readFileSync(path.join(REPO_ROOT, "fixtures/guide/postgresql.conf"));
/** The README's section and the version its diff is for (the guide's expected.txt is for 15). */
const README_HEADING = "### What --fix does to the guide's snippet";
const README_VERSION = 15;
/** What a pg_hba.conf is judged with in the "beside a postgresql.conf" runs. */
const CONTEXT_CONF = "ssl = on\npassword_encryption = scram-sha-256\n";

interface Case {
  label: string;
  kind: FileKind;
  content: Buffer;
  /** Files beside the linted one that are not linted (the hba's postgresql.conf). */
  beside?: Record<string, string>;
}

interface Checked {
  original: Buffer;
  fixed: Buffer;
  /** The error findings left after --fix. */
  remainingErrors: string[];
  failures: string[];
  /** The known CLI bug below: a Latin-1 file's --diff printed as UTF-8 (applies once re-encoded). */
  latin1DiffAsUtf8: boolean;
}

const MAIN_FILE: Record<FileKind, string> = { conf: "postgresql.conf", hba: "pg_hba.conf", ident: "pg_ident.conf" };

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-fix-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
let dirCount = 0;
function freshDir(files: Record<string, string | Buffer>): string {
  const dir = path.join(scratch, String(dirCount++));
  fs.mkdirSync(dir);
  writeFiles(dir, files);
  return dir;
}

/** `git apply [--check]` run in dir (which is no repository), with the patch on stdin: null when
 *  it applies, else git's complaint. Without --check, git checks every hunk before it writes
 *  anything, so a patch it applies is one that `git apply --check` accepts. */
function gitApply(dir: string, patch: Buffer, check: boolean): string | null {
  const result = spawnSync("git", ["apply", ...(check ? ["--check"] : []), "-"], { cwd: dir, input: patch, encoding: "utf8", env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(dir) } });
  return result.status === 0 ? null : (result.stderr || `exit ${result.status}`).trim();
}

/** The properties that need no server. */
function checkFix(input: Case, version: PgVersion): Checked {
  const name = MAIN_FILE[input.kind];
  const files = { [name]: input.content, ...input.beside };
  const where = `${input.label}${input.beside ? " (beside a postgresql.conf)" : ""} pg${version}`;
  const failures: string[] = [];

  // The loop, with what its edits did to the comment lines.
  const dir = freshDir(files);
  const target = path.join(dir, name);
  const loop = fixLoop([{ path: target, kind: input.kind }], { pgVersion: version, includeRoots: [dir] });
  const file = loop.files.get(target)!;
  const fixed = encodeText(file.after, file.before.encoding);
  for (const lost of file.lostComments) failures.push(`${where}: comment lost or changed by a fix that did not rewrite it: ${lost}`);
  const remainingErrors = loop.run.results.filter((result) => result.filePath === target).flatMap((result) => result.messages.filter((m) => m.severity === 2).map((m) => `${m.line}:${m.column} ${m.ruleId ?? "-"}`));

  // The CLI's --fix writes the same bytes; a second --fix writes nothing more.
  const fixDir = freshDir(files);
  const fixTarget = path.join(fixDir, name);
  const first = runCli(fixDir, [fixTarget], version, { fix: true });
  if (first.stderr !== "") failures.push(`${where}: --fix printed on stderr: ${first.stderr}`);
  const cliFixed = fs.readFileSync(fixTarget);
  if (!cliFixed.equals(fixed)) failures.push(`${where}: --fix wrote another text than the fix loop:\n${JSON.stringify(cliFixed.toString("latin1"))}\nloop:\n${JSON.stringify(fixed.toString("latin1"))}`);
  const second = runCli(fixDir, [fixTarget], version, { fix: true });
  const twice = fs.readFileSync(fixTarget);
  if (!twice.equals(cliFixed)) failures.push(`${where}: a second --fix changed the file (exit ${second.exitCode}):\n${JSON.stringify(twice.toString("latin1"))}`);
  for (const other of Object.keys(input.beside ?? {})) {
    if (!fs.readFileSync(path.join(fixDir, other)).equals(Buffer.from(files[other]!))) failures.push(`${where}: --fix changed ${other}, which it was not asked to lint`);
  }

  // The CLI's --diff, as its stdout writes it, applies to the original and gives what --fix wrote.
  const diff = runCli(dir, [target], version, { diff: true });
  let latin1DiffAsUtf8 = false;
  if (fixed.equals(input.content)) {
    if (diff.stdout !== "") failures.push(`${where}: --diff printed a diff while --fix changes nothing:\n${diff.stdout}`);
  } else {
    let refused = gitApply(dir, diff.stdoutBytes, false);
    // The known bug (see "a Latin-1 file's --diff" below): the same diff in Latin-1 must apply.
    if (refused !== null && file.before.encoding === "latin1") {
      latin1DiffAsUtf8 = true;
      refused = gitApply(dir, Buffer.from(diff.stdout, "latin1"), false);
    }
    const applied = fs.readFileSync(target);
    if (refused !== null) failures.push(`${where}: git apply --check refuses the --diff output: ${refused}\n${diff.stdout}`);
    else if (!applied.equals(cliFixed)) failures.push(`${where}: the --diff output applied gives another text than --fix: ${JSON.stringify(applied.toString("latin1"))}`);
  }
  return { original: input.content, fixed, remainingErrors, failures, latin1DiffAsUtf8 };
}

/** A row's error as compared across the original and the fixed file: name and message, not the
 *  line number, which fixes shift. "setting could not be applied" is about the running server
 *  (a restart-only parameter with another value than it started with), not about the file. */
function confErrors(rows: { name: string | null; error: string | null }[]): string[] {
  return rows.filter((row) => row.error !== null && row.error !== "setting could not be applied").map((row) => `${row.name ?? "-"}: ${row.error}`);
}

function hbaErrors(rows: { error: string | null }[]): string[] {
  return rows.flatMap((row) => (row.error !== null ? [row.error] : []));
}

/** What `after` has more of than `before` (multisets). */
function added(before: string[], after: string[]): string[] {
  const left = new Map<string, number>();
  for (const item of before) left.set(item, (left.get(item) ?? 0) + 1);
  const extra: string[] = [];
  for (const item of after) {
    const count = left.get(item) ?? 0;
    if (count > 0) left.set(item, count - 1);
    else extra.push(item);
  }
  return extra;
}

/** The server's LOG/FATAL lines of a `postgres -C` run, without the directory. */
function complaints(stderr: string, confDir: string): string {
  return stderr.split(`${confDir}/`).join("").trim();
}

interface Tally {
  inputs: number;
  /** Inputs that --fix changes. */
  changed: number;
  /** Changed inputs that postgres -C accepts once fixed. */
  fixedStarting: number;
  latin1DiffAsUtf8: number;
  failures: string[];
}

function newTally(): Tally {
  return { inputs: 0, changed: 0, fixedStarting: 0, latin1DiffAsUtf8: 0, failures: [] };
}

function tallyChecked(tally: Tally, checked: Checked): void {
  tally.inputs++;
  tally.failures.push(...checked.failures);
  if (checked.latin1DiffAsUtf8) tally.latin1DiffAsUtf8++;
  if (!checked.fixed.equals(checked.original)) tally.changed++;
}

async function checkConf(server: OracleServer, input: Case, tally: Tally): Promise<Checked> {
  const version = server.version as PgVersion;
  const checked = checkFix(input, version);
  tallyChecked(tally, checked);
  if (checked.fixed.equals(checked.original)) return checked;
  const where = `${input.label} pg${version}`;
  const fixedErrors = confErrors(await server.fileSettings({ "postgresql.conf": checked.fixed }));
  const newErrors = fixedErrors.length === 0 ? [] : added(confErrors(await server.fileSettings({ "postgresql.conf": checked.original })), fixedErrors);
  if (newErrors.length > 0) tally.failures.push(`${where}: pg_file_settings of the fixed file has new errors: ${JSON.stringify(newErrors)}\n${checked.fixed.toString("latin1")}`);
  // postgres -C (a process each) on the original only when the fixed file fails.
  const fixedStart = await server.startupCheck({ "postgresql.conf": checked.fixed });
  if (fixedStart.exitCode === 0) tally.fixedStarting++;
  else if ((await server.startupCheck({ "postgresql.conf": checked.original })).exitCode === 0) {
    tally.failures.push(`${where}: postgres -C accepted the original and refuses the fixed file: ${complaints(fixedStart.stderr, server.confDir)}`);
  }
  return checked;
}

/** pg_ident.conf: no recommended rule fixes it today, so the server (15+) is asked only if one does. */
async function checkIdent(server: OracleServer, input: Case, tally: Tally): Promise<void> {
  const version = server.version as PgVersion;
  const checked = checkFix(input, version);
  tallyChecked(tally, checked);
  if (checked.fixed.equals(checked.original) || version < 15) return;
  const fixedErrors = hbaErrors(await server.identFileMappings({ "pg_ident.conf": checked.fixed }));
  const newErrors = fixedErrors.length === 0 ? [] : added(hbaErrors(await server.identFileMappings({ "pg_ident.conf": checked.original })), fixedErrors);
  if (newErrors.length > 0) tally.failures.push(`${input.label} pg${version}: pg_ident_file_mappings of the fixed file has new errors: ${JSON.stringify(newErrors)}\n${checked.fixed.toString("latin1")}`);
}

async function checkHba(server: OracleServer, input: Case, tally: Tally): Promise<void> {
  const version = server.version as PgVersion;
  const checked = checkFix(input, version);
  tallyChecked(tally, checked);
  if (checked.fixed.equals(checked.original)) return;
  const fixedErrors = hbaErrors(await server.hbaFileRules({ "pg_hba.conf": checked.fixed }));
  const newErrors = fixedErrors.length === 0 ? [] : added(hbaErrors(await server.hbaFileRules({ "pg_hba.conf": checked.original })), fixedErrors);
  if (newErrors.length > 0) tally.failures.push(`${input.label}${input.beside ? " (beside a postgresql.conf)" : ""} pg${version}: pg_hba_file_rules of the fixed file has new errors: ${JSON.stringify(newErrors)}\n${checked.fixed.toString("latin1")}`);
}

const asCases = (kind: FileKind, inputs: ConformanceInput[], beside?: Record<string, string>): Case[] => inputs.map((input) => ({ label: input.label, kind, content: input.content, ...(beside ? { beside } : {}) }));

/** A self-signed certificate the server user can read, for a server with ssl = on. */
let certificate: { cert: string; key: string } | undefined;
let certificateDir: string | undefined;
afterAll(() => {
  if (certificateDir) fs.rmSync(certificateDir, { recursive: true, force: true });
});
function serverCertificate(): { cert: string; key: string } {
  if (certificate) return certificate;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-fix-ssl-"));
  certificateDir = dir;
  fs.chmodSync(dir, 0o755); // the server user reads it
  const cert = path.join(dir, "server.crt");
  const key = path.join(dir, "server.key");
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost"], { stdio: "ignore" });
  fs.chmodSync(cert, 0o644);
  fs.chmodSync(key, 0o600);
  const user = serverUser();
  if (user) for (const file of [cert, key]) fs.chownSync(file, user.uid, user.gid);
  return (certificate = { cert, key });
}

const figures: Record<string, unknown> = {};
afterAll(() => writeReport("fix", figures));

describe.each(VERSIONS)("--fix on PostgreSQL %i", (version) => {
  let server: OracleServer;
  beforeAll(async () => {
    server = await OracleServer.start(version);
  }, 120_000);
  afterAll(async () => server?.stop(), 60_000);

  test("the guide's snippet: no error finding left, no error row, postgres -C accepts it", async () => {
    const tally = newTally();
    const checked = await checkConf(server, { label: "guide", kind: "conf", content: GUIDE }, tally);
    expect(tally.failures).toEqual([]);
    expect(checked.remainingErrors).toEqual([]);
    expect(confErrors(await server.fileSettings({ "postgresql.conf": checked.fixed }))).toEqual([]);
    const start = await server.startupCheck({ "postgresql.conf": checked.fixed });
    expect(complaints(start.stderr, server.confDir)).toBe("");
    expect(start.exitCode).toBe(0);
    // The original does not start: the fix is what makes it acceptable.
    expect((await server.startupCheck({ "postgresql.conf": GUIDE })).exitCode).not.toBe(0);
  });

  const confGroups: [string, () => Case[]][] = [
    ["conf fixtures", () => asCases("conf", fixtureInputs("conf"))],
    ["the stock postgresql.conf.sample", () => asCases("conf", sampleInputs("conf", version))],
    ...(CORPUS_VERSIONS.has(version) ? ([["corpus conf files", () => asCases("conf", corpusInputs("conf"))]] as [string, () => Case[]][]) : []),
  ];
  test.each(confGroups)("%s", async (group, cases) => {
    const tally = newTally();
    for (const input of cases()) await checkConf(server, input, tally);
    figures[`pg${version} ${group}`] = { ...tally, failures: tally.failures.length };
    expect(tally.failures.slice(0, 10).join("\n\n")).toBe("");
  }, 300_000);

  if (CORPUS_VERSIONS.has(version)) {
    test("pg_hba.conf alone: hba fixtures and corpus files", async () => {
      const tally = newTally();
      for (const input of asCases("hba", [...fixtureInputs("hba"), ...corpusInputs("hba")])) await checkHba(server, input, tally);
      figures[`pg${version} hba alone`] = { ...tally, failures: tally.failures.length };
      expect(tally.failures.slice(0, 10).join("\n\n")).toBe("");
    }, 300_000);

    test("pg_ident.conf: ident fixtures and corpus files", async () => {
      const tally = newTally();
      for (const input of asCases("ident", [...fixtureInputs("ident"), ...corpusInputs("ident")])) await checkIdent(server, input, tally);
      figures[`pg${version} ident`] = { ...tally, failures: tally.failures.length };
      expect(tally.failures.slice(0, 10).join("\n\n")).toBe("");
    }, 300_000);
  }
});

// Beside a postgresql.conf with ssl = on, fixes may write hostssl: judged by a server with SSL on.
describe.each(VERSIONS.filter((version) => CORPUS_VERSIONS.has(version)))("--fix on pg_hba.conf beside a postgresql.conf with ssl = on, PostgreSQL %i", (version) => {
  let server: OracleServer;
  beforeAll(async () => {
    const { cert, key } = serverCertificate();
    server = await OracleServer.start(version, { settings: { ssl: "on", ssl_cert_file: cert, ssl_key_file: key } });
  }, 120_000);
  afterAll(async () => server?.stop(), 60_000);

  test("hba fixtures and corpus files", async () => {
    const tally = newTally();
    for (const input of asCases("hba", [...fixtureInputs("hba"), ...corpusInputs("hba")], { "postgresql.conf": CONTEXT_CONF })) await checkHba(server, input, tally);
    figures[`pg${version} hba beside ssl conf`] = { ...tally, failures: tally.failures.length };
    expect(tally.failures.slice(0, 10).join("\n\n")).toBe("");
  }, 300_000);
});

test(`the README's "${README_HEADING}" shows the --diff of the guide's snippet on PostgreSQL ${README_VERSION}`, () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const start = readme.indexOf(`\n${README_HEADING}\n`);
  expect(start).toBeGreaterThan(-1);
  const section = readme.slice(start + 1, readme.indexOf("\n### ", start + 1));
  const shown = /```diff\n([\s\S]*?)```/.exec(section)?.[1];
  const dir = freshDir({ "postgresql.conf": GUIDE });
  const diffOn = (version: number) => runCli(dir, [path.join(dir, "postgresql.conf")], version, { diff: true }).stdout;
  expect(shown).toBe(diffOn(README_VERSION));
  // What the section says of the other versions: 13-18 the same, 12 one line more.
  for (const version of [13, 14, 16, 17, 18]) expect(diffOn(version)).toBe(shown);
  expect(diffOn(12)).toBe(shown!.replace("@@ -1,8 +1,9 @@", "@@ -1,8 +1,10 @@") + "+ssl_min_protocol_version = 'TLSv1.2'\n");
  // And --fix leaves no error on that version.
  runCli(dir, [path.join(dir, "postgresql.conf")], README_VERSION, { fix: true });
  const after = jsonResults(runCli(dir, [path.join(dir, "postgresql.conf")], README_VERSION, { format: "json" }));
  expect(after.flatMap((result) => result.messages.filter((m) => m.severity === 2))).toEqual([]);
});

// The CLI writes each file's part of --diff in that file's encoding (a Latin-1 file's lines in
// Latin-1), so `git apply` matches its bytes.
test("a Latin-1 file's --diff, as the CLI prints it, applies with git apply", () => {
  const content = fs.readFileSync(path.join(REPO_ROOT, "fixtures/conformance/conf/latin1-byte.conf"));
  const dir = freshDir({ "postgresql.conf": content });
  const diff = runCli(dir, [path.join(dir, "postgresql.conf")], 18, { diff: true });
  expect(diff.stdout).not.toBe("");
  expect(gitApply(dir, diff.stdoutBytes, true)).toBeNull();
});
