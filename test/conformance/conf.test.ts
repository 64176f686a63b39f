// pg_file_settings as `show` computes it (readFileSettings with the catalog's judge), compared
// row for row with real servers 12–18; and whether a server would start on the file
// (`postgres -C`), compared with our verdict from the same rows.
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { loadCatalog, lookupParameter } from "../../src/catalog";
import { readFileSettings } from "../../src/views/file-settings";
import type { FileSettingsResult, SettingJudge } from "../../src/views/file-settings";
import { settingJudge } from "../../src/views/judge";
import type { FileSettingsRow, PgVersion } from "../../src/views/types";
import { OracleServer, requireOracles } from "../oracle/server";
import { compareRows, newTally } from "./compare";
import type { Tally } from "./compare";
import { writeReport } from "./compare";
import { wouldStart } from "./conf-startup";
import { corpusInputs, fixtureInputs, generatedCount, generatedInputs, sampleInputs } from "./inputs";
import type { ConformanceInput } from "./inputs";

const VERSIONS = requireOracles([12, 13, 14, 15, 16, 17, 18]);
const MAIN = "postgresql.conf";
const NOT_APPLIED = "setting could not be applied";
/** Generated files per version for the start-up check (one `postgres -C` each). */
const STARTUP_SAMPLE = 50;

// ---------------------------------------------------------------------------------------------
// Rows that depend on the running server, not on the file. Each is compared with `applied` and
// `error` removed, only when the server says exactly "setting could not be applied" and we say
// no error, and counted by reason.

type Reason = string;

/** The locales installed on this machine (`locale -a`), codesets normalised as glibc does. */
const INSTALLED_LOCALES = new Set(
  execFileSync("locale", ["-a"], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map(normaliseLocale),
);
function normaliseLocale(name: string): string {
  const dot = name.indexOf(".");
  return dot < 0 ? name : name.slice(0, dot + 1) + name.slice(dot + 1).toLowerCase().replace(/[^a-z0-9@]/g, "");
}
const LOCALE_PARAMETERS = new Set(["lc_messages", "lc_monetary", "lc_numeric", "lc_time"]);

const POSTMASTER = "postmaster parameter differs from the running value";

/** Why the server's verdict on this row depends on its running state, or null. */
function serverStateReason(version: number, row: FileSettingsRow): Reason | null {
  if (row.name === null || row.setting === null) return null;
  const name = asciiLower(row.name);
  const param = lookupParameter(loadCatalog(version), name);
  // A valid value for a postmaster parameter that differs from the running one: the server
  // logs "cannot be changed without restarting the server"; a file alone cannot tell.
  if (param?.context === "postmaster") return POSTMASTER;
  // check_locale: setlocale() must succeed, so the locale must be installed on this machine.
  if (LOCALE_PARAMETERS.has(name) && !INSTALLED_LOCALES.has(normaliseLocale(row.setting))) return "locale not installed on this machine";
  return null;
}

/** A postmaster row normalised in some input: its value is put to the start-up reader later. */
interface PostmasterValue {
  label: string;
  name: string;
  setting: string;
}

function normaliseServerState(
  version: number,
  input: ConformanceInput,
  ours: FileSettingsRow[],
  server: FileSettingsRow[],
  tally: Tally,
  reasons: Map<Reason, number>,
  postmasterValues: PostmasterValue[],
): [FileSettingsRow[], FileSettingsRow[]] {
  if (ours.length !== server.length) return [ours, server];
  const a = ours.slice();
  const b = server.slice();
  server.forEach((row, i) => {
    const our = ours[i]!;
    if (row.error !== NOT_APPLIED || our.error !== null || our.name !== row.name || our.setting !== row.setting) return;
    const reason = serverStateReason(version, row);
    if (reason === null) return;
    tally.serverStateErrors.push(`${row.name} = ${row.setting}: ${reason}`);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    if (reason === POSTMASTER) postmasterValues.push({ label: input.label, name: row.name!, setting: row.setting! });
    a[i] = { ...our, applied: false, error: null };
    b[i] = { ...row, applied: false, error: null };
  });
  return [a, b];
}

// The view says "setting could not be applied" for an invalid value too, so "we accept it" is
// not taken on trust: every normalised postmaster value goes to the start-up reader, where
// postmaster parameters apply and only their validity counts. Batched: one file per round,
// each name at most once in a file (a later line would override an earlier one unchecked).

/** `name = 'value'` as guc-file.l de-escapes it back to the value. */
function settingLine(name: string, value: string): string {
  let escaped = "";
  for (const c of value) {
    const code = c.charCodeAt(0);
    if (c === "\\") escaped += "\\\\";
    else if (c === "'") escaped += "''";
    else if (code < 0x20 && c !== "\t") escaped += `\\${code.toString(8).padStart(3, "0")}`; // no newline inside a string
    else escaped += c;
  }
  return `${name} = '${escaped}'\n`;
}

/** The postmaster values the start-up reader refuses, with the inputs they came from. */
async function refusedAtStartup(server: OracleServer, values: PostmasterValue[]): Promise<{ refused: string[]; distinct: number; runs: number }> {
  const key = (v: PostmasterValue) => `${asciiLower(v.name)}\0${v.setting}`;
  const distinct = [...new Map(values.map((v) => [key(v), v])).values()];
  const rounds: PostmasterValue[][] = [];
  for (const value of distinct) {
    const round = rounds.find((r) => !r.some((other) => asciiLower(other.name) === asciiLower(value.name)));
    if (round) round.push(value);
    else rounds.push([value]);
  }
  let runs = 0;
  const starts = async (lines: PostmasterValue[]) => {
    runs++;
    return (await server.startupCheck({ [MAIN]: lines.map((v) => settingLine(v.name, v.setting)).join("") })).exitCode === 0;
  };
  const refusedKeys = new Set<string>();
  for (const round of rounds) {
    if (await starts(round)) continue;
    for (const value of round) if (!(await starts([value]))) refusedKeys.add(key(value));
  }
  const refused = values.filter((v) => refusedKeys.has(key(v))).map((v) => `${v.label}: ${v.name} = '${v.setting}' is refused at start-up, which we accept`);
  return { refused, distinct: distinct.length, runs };
}

// ---------------------------------------------------------------------------------------------
// Inputs. Corpus files that include others get the included files the corpus README maps
// (renamed in the corpus, under their original names here).

const CORPUS_INCLUDES: Record<string, Record<string, string>> = {
  "001-pgtoolkit-test-includes.conf": {
    "conf.d/with-include.conf": "002-pgtoolkit-include-hidden.conf", // itself includes the uncollected .includeme: an include error
    "postgres-my.conf": "003-pgtoolkit-include-if-exists-chain.conf",
    "postgres-my-my.conf": "004-pgtoolkit-include-target-prefix.conf",
  },
  "003-pgtoolkit-include-if-exists-chain.conf": {
    "postgres-my-my.conf": "004-pgtoolkit-include-target-prefix.conf",
  },
};
// Not collected, but the README gives its whole content.
const MYMYMY = { "postgres-mymymy.conf": Buffer.from("mymymy = true\n") };

function corpusWithIncludes(): ConformanceInput[] {
  const inputs = corpusInputs("conf");
  const byName = new Map(inputs.map((input) => [input.label.replace(/^corpus:conf\//, ""), input.content]));
  return inputs.map((input) => {
    const includes = CORPUS_INCLUDES[input.label.replace(/^corpus:conf\//, "")];
    if (!includes) return input;
    const extraFiles: Record<string, Buffer> = { ...MYMYMY };
    for (const [target, source] of Object.entries(includes)) {
      const content = byName.get(source);
      if (content) extraFiles[target] = content;
    }
    return { ...input, extraFiles };
  });
}

function filesOf(input: ConformanceInput): Record<string, Buffer> {
  return { [MAIN]: input.content, ...input.extraFiles };
}

function ourSettings(server: OracleServer, judge: SettingJudge): FileSettingsResult {
  return readFileSettings(path.join(server.confDir, MAIN), {
    judge,
    pgVersion: server.version as PgVersion,
    autoConfPath: path.join(server.dataDir, "postgresql.auto.conf"),
  });
}

// ---------------------------------------------------------------------------------------------
// The server session's custom placeholders. guc.c deduplicates settings of the same spelling
// only for names it already has a record for. The oracle loads no modules, so every dotted
// name (a module's parameter included) is a placeholder there, and the view creates a
// placeholder for each dotted name it gets to apply (set_config_option, even without applying
// the value): from then on this backend deduplicates that name, in every later read. We keep
// that state explicitly, judge with it, and check it against the server after each group.

class PlaceholderSession {
  private readonly placeholders = new Set<string>();
  private readonly seen = new Set<string>();

  /** After a read of the view: the dotted names it applied became placeholders. */
  record(serverRows: FileSettingsRow[]): void {
    const applyPhase = serverRows.every((row) => row.error === null || row.error === NOT_APPLIED);
    for (const row of serverRows) {
      if (row.name === null || !row.name.includes(".")) continue;
      this.seen.add(asciiLower(row.name));
      if (applyPhase) this.placeholders.add(asciiLower(row.name));
    }
  }

  /** The judge of this server as it stands: dotted names are known once they are placeholders. */
  judge(base: SettingJudge): SettingJudge {
    return { ...base, isKnown: (name) => (name.includes(".") ? this.placeholders.has(asciiLower(name)) : base.isKnown(name)) };
  }

  /** Names whose placeholder state we got wrong (current_setting(name, true) is null without one). */
  async verify(server: OracleServer): Promise<string[]> {
    const names = [...this.seen];
    const rows = await server.query<{ n: string; exists: boolean }>("SELECT n, current_setting(n, true) IS NOT NULL AS exists FROM unnest($1::text[]) AS n", [names]);
    return rows.filter((row) => row.exists !== this.placeholders.has(row.n)).map((row) => `${row.n}: server ${row.exists ? "has" : "lacks"} the placeholder`);
  }
}

function asciiLower(name: string): string {
  return name.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// The pg client decodes the server's text as UTF-8; a setting with bytes that are not (a
// Latin-1 file) arrives with U+FFFD. Such rows are compared as bytes: textsend on the server,
// and ours encoded back as the file was decoded.

const GARBLED = "\uFFFD";

async function compareAsBytes(server: OracleServer, result: FileSettingsResult, ours: FileSettingsRow[], serverRows: FileSettingsRow[], counts: Map<Reason, number>): Promise<[FileSettingsRow[], FileSettingsRow[]]> {
  const garbled = (row: FileSettingsRow) => Boolean(row.name?.includes(GARBLED) || row.setting?.includes(GARBLED));
  if (!serverRows.some(garbled) || ours.length !== serverRows.length) return [ours, serverRows];
  const raw = await server.query<{ seqno: number; name: string | null; setting: string | null }>(
    "SELECT seqno, encode(textsend(name), 'hex') AS name, encode(textsend(setting), 'hex') AS setting FROM pg_file_settings ORDER BY seqno",
  );
  const a = ours.slice();
  const b = serverRows.slice();
  serverRows.forEach((row, i) => {
    if (!garbled(row)) return;
    const our = ours[i]!;
    const encoding = (our.sourcefile !== null ? result.documents.get(our.sourcefile)?.source.encoding : undefined) ?? "utf8";
    const hex = (text: string | null) => (text === null ? null : Buffer.from(text, encoding).toString("hex"));
    a[i] = { ...our, name: hex(our.name), setting: hex(our.setting) };
    b[i] = { ...row, name: raw[i]?.name ?? null, setting: raw[i]?.setting ?? null };
    counts.set(BYTES, (counts.get(BYTES) ?? 0) + 1);
  });
  return [a, b];
}
const BYTES = "compared as bytes (not UTF-8)";

// ---------------------------------------------------------------------------------------------

interface Counts {
  /** Server-state rows by reason. */
  reasons: Map<Reason, number>;
  /** Rows compared in another form (bytes), by form. */
  forms: Map<Reason, number>;
}

async function runFileSettings(server: OracleServer, session: PlaceholderSession, inputs: ConformanceInput[], tally: Tally, counts: Counts, postmasterValues: PostmasterValue[]): Promise<void> {
  const base = settingJudge(server.version);
  for (const input of inputs) {
    const serverRows = await server.fileSettings(filesOf(input));
    const judge = session.judge(base);
    const result = ourSettings(server, judge);
    session.record(serverRows);
    // Rows whose verdict the session's placeholders changed: server state, counted as such.
    const plain = ourSettings(server, base).rows;
    result.rows.forEach((row, i) => {
      if (row.applied === plain[i]?.applied) return;
      const reason = lookupParameter(loadCatalog(server.version), row.name ?? "")?.module ? PLACEHOLDER_MODULE : PLACEHOLDER_SESSION;
      tally.serverStateErrors.push(`${row.name}: ${reason}`);
      counts.reasons.set(reason, (counts.reasons.get(reason) ?? 0) + 1);
    });
    const [a0, b0] = normaliseServerState(server.version, input, result.rows, serverRows, tally, counts.reasons, postmasterValues);
    const [a, b] = await compareAsBytes(server, result, a0, b0, counts.forms);
    compareRows(tally, input, a, b);
  }
}
const PLACEHOLDER_SESSION = "dotted name already a placeholder in the session (deduplicated)";
const PLACEHOLDER_MODULE = "module parameter: a placeholder on the oracle (no module loaded)";

interface StartupTally {
  files: number;
  wouldStart: number;
  /** Files the server refuses only for locales this machine lacks, where we say it would start. */
  localeOnly: number;
  mismatches: { label: string; content: string; ours: unknown; server: unknown }[];
}

async function runStartup(server: OracleServer, inputs: ConformanceInput[], tally: StartupTally): Promise<void> {
  const judge = settingJudge(server.version);
  for (const input of inputs) {
    const result = await server.startupCheck(filesOf(input));
    const verdict = wouldStart(ourSettings(server, judge));
    let serverStarts = result.exitCode === 0;
    tally.files++;
    if (serverStarts) tally.wouldStart++;
    if (!serverStarts && verdict.wouldStart && refusedOnlyForMissingLocales(result.stderr)) {
      tally.localeOnly++;
      serverStarts = true;
    }
    if (verdict.wouldStart !== serverStarts) {
      tally.mismatches.push({
        label: input.label,
        content: input.content.toString("latin1"),
        ours: verdict,
        server: { exitCode: result.exitCode, stderr: result.stderr.trim() },
      });
    }
  }
}

/**
 * True when every LOG line of a failed start-up is `invalid value for parameter "lc_…": "V"`
 * for a locale not installed here (check_locale's setlocale() fails): machine state, not the file.
 */
function refusedOnlyForMissingLocales(stderr: string): boolean {
  const logs = stderr.split("\n").filter((line) => /\bLOG:\s/.test(line));
  return (
    logs.length > 0 &&
    logs.every((line) => {
      const match = /\bLOG:\s+invalid value for parameter "([^"]+)": "([^"]*)"$/.exec(line);
      return match !== null && LOCALE_PARAMETERS.has(asciiLower(match[1]!)) && !INSTALLED_LOCALES.has(normaliseLocale(match[2]!));
    })
  );
}

/** The differing rows only (files can be long): label, then `#i ours / server` per row. */
function describeRowMismatches(tally: Tally, limit = 20): string {
  return tally.mismatches
    .slice(0, limit)
    .map((m) => {
      const ours = m.ours as unknown[];
      const server = m.server as unknown[];
      const lines = [`--- ${m.label} (${ours.length} rows ours, ${server.length} server)`];
      if (m.content.length < 400) lines.push(JSON.stringify(m.content));
      for (let i = 0; i < Math.max(ours.length, server.length); i++) {
        const a = JSON.stringify(ours[i]);
        const b = JSON.stringify(server[i]);
        if (a !== b) lines.push(`#${i + 1} ours:   ${a}`, `#${i + 1} server: ${b}`);
      }
      return lines.join("\n");
    })
    .join("\n\n");
}

function describeStartupMismatches(tally: StartupTally, limit = 5): string {
  return tally.mismatches
    .slice(0, limit)
    .map((m) => `--- ${m.label}\n${JSON.stringify(m.content)}\nours:   ${JSON.stringify(m.ours)}\nserver: ${JSON.stringify(m.server)}`)
    .join("\n\n");
}

const figures: Record<string, unknown> = {};
afterAll(() => writeReport("conf", figures));

describe.each(VERSIONS)("PostgreSQL %i", (version) => {
  let server: OracleServer;
  const session = new PlaceholderSession();
  let started = 0;
  beforeAll(async () => {
    started = Date.now();
    server = await OracleServer.start(version);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    figures[`pg${version} seconds`] = Math.round((Date.now() - started) / 100) / 10;
  }, 60_000);

  const groups: [string, () => ConformanceInput[]][] = [
    ["fixtures", () => fixtureInputs("conf")],
    ["stock sample", () => sampleInputs("conf", version)],
    ["corpus", () => corpusWithIncludes()],
    ["generated", () => generatedInputs("conf", generatedCount(), 4000 + version)],
  ];
  test.each(groups)("pg_file_settings: %s", async (group, inputs) => {
    const tally = newTally();
    const counts: Counts = { reasons: new Map(), forms: new Map() };
    const postmasterValues: PostmasterValue[] = [];
    await runFileSettings(server, session, inputs(), tally, counts, postmasterValues);
    const sessionErrors = await session.verify(server);
    const startup = await refusedAtStartup(server, postmasterValues);
    figures[`conf pg${version} ${group}`] = {
      files: tally.files,
      rows: tally.rows,
      serverStateRows: tally.serverStateErrors.length,
      serverStateReasons: Object.fromEntries(counts.reasons),
      postmasterValuesCheckedAtStartup: { distinct: startup.distinct, runs: startup.runs, refused: startup.refused.length },
      otherForms: Object.fromEntries(counts.forms),
      mismatches: tally.mismatches.length,
    };
    expect(describeRowMismatches(tally)).toBe("");
    expect(sessionErrors).toEqual([]);
    expect(startup.refused).toEqual([]);
  }, 600_000);

  test("startup check (postgres -C): fixtures, corpus and a sample of generated files", async () => {
    const tally: StartupTally = { files: 0, wouldStart: 0, localeOnly: 0, mismatches: [] };
    const inputs = [...fixtureInputs("conf"), ...corpusWithIncludes(), ...generatedInputs("conf", STARTUP_SAMPLE, 5000 + version)];
    await runStartup(server, inputs, tally);
    figures[`conf pg${version} startup`] = { files: tally.files, wouldStart: tally.wouldStart, refusedOnlyForMissingLocales: tally.localeOnly, mismatches: tally.mismatches.length };
    expect(describeStartupMismatches(tally, 20)).toBe("");
  }, 600_000);
});
