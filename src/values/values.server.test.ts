// checkValue against the real servers 12–18. For each version, a table of values (oracle-cases.ts)
// goes three ways:
//  1. the start-up reader (`postgres -C`, config_file = a file of those lines) prints one LOG
//     line per refused value, with HINT/DETAIL lines: it must print exactly checkValue's messages;
//  2. accepted values must come out as checkValue's typed value: SET + pg_settings.setting for
//     user/superuser parameters, `postgres -C name` on a one-line file for the others;
//  3. pg_file_settings (sighup/user/superuser parameters, which the view judges without a
//     restart) must show error NULL exactly where checkValue accepts, else
//     "setting could not be applied" — all the view says about a refused value.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CatalogParameter, ParamContext, VarType } from "../catalog/types";
import { findInstallation, serverUser } from "../../test/oracle/installations";
import { OracleServer, requireOracles } from "../../test/oracle/server";
import { runAsServerUser } from "../../test/oracle/workspace";
import { formatG } from "./c-number";
import { checkValue } from "./check";
import type { CheckResult } from "./check";
import { valueCases } from "./oracle-cases";
import type { ValueCase } from "./oracle-cases";

const VERSIONS = requireOracles([12, 13, 14, 15, 16, 17, 18]);
const PARALLEL_PROCESSES = 3;
const VIEW_CONTEXTS: readonly ParamContext[] = ["sighup", "user", "superuser"];
const SESSION_CONTEXTS: readonly ParamContext[] = ["user", "superuser"];
// Set in our own session these would cancel or disturb the very query that reads them back.
const NOT_IN_SESSION = /timeout|^client_min_messages$/;
// Shown by a show hook in octal ("%04o"), not as the number.
const OCTAL_SHOWN = new Set(["unix_socket_permissions", "log_file_mode"]);

interface SettingsRow {
  name: string;
  vartype: VarType;
  unit: string | null;
  min_val: string | null;
  max_val: string | null;
  enumvals: string[] | null;
  boot_val: string | null;
  context: ParamContext;
  category: string;
  short_desc: string;
}

async function readCatalog(server: OracleServer): Promise<Map<string, CatalogParameter>> {
  const rows = await server.query<SettingsRow>("SELECT name, vartype, unit, min_val, max_val, enumvals, boot_val, context, category, short_desc FROM pg_settings");
  return new Map(
    rows.map((row) => [
      row.name,
      {
        name: row.name,
        vartype: row.vartype,
        unit: row.unit,
        min: row.min_val === null ? null : Number(row.min_val),
        max: row.max_val === null ? null : Number(row.max_val),
        enumvals: row.enumvals,
        bootVal: row.boot_val,
        context: row.context,
        category: row.category,
        shortDesc: row.short_desc,
      },
    ]),
  );
}

/** A value as a postgresql.conf string literal. */
function quoted(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** What checkValue's verdict makes the start-up reader print (one LOG line, then HINT/DETAIL). */
function expectedLog(result: CheckResult): string[] {
  if (result.ok) return [];
  return [`LOG:  ${result.message}`, ...(result.hint === undefined ? [] : [`HINT:  ${result.hint}`])];
}

/** How pg_settings.setting and `postgres -C` print an accepted value. */
function shown(param: CatalogParameter, value: boolean | number | string): string {
  if (typeof value === "boolean") return value ? "on" : "off";
  if (typeof value === "number") {
    if (OCTAL_SHOWN.has(param.name)) return "0" + value.toString(8).padStart(3, "0");
    return param.vartype === "real" ? formatG(value) : String(value);
  }
  return value;
}

async function inParallel<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Groups the cases so that no parameter appears twice in a group: both readers apply only the
 * last line of a parameter and skip the earlier ones.
 */
function rounds(cases: readonly ValueCase[]): ValueCase[][] {
  const out: ValueCase[][] = [];
  const seen = new Map<string, number>();
  for (const c of cases) {
    const round = seen.get(c.param.name) ?? 0;
    seen.set(c.param.name, round + 1);
    (out[round] ??= []).push(c);
  }
  return out;
}

describe.each(VERSIONS)("PostgreSQL %i", (version) => {
  let server: OracleServer | undefined;
  let catalog: Map<string, CatalogParameter>;
  let cases: ValueCase[];
  let scratch: string;
  let fileCounter = 0;
  const user = serverUser();

  beforeAll(async () => {
    server = await OracleServer.start(version);
    catalog = await readCatalog(server);
    cases = valueCases(catalog, version);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), `pgconf-values-${version}-`));
    fs.chmodSync(scratch, 0o755);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }, 60_000);

  /** Runs the start-up reader on `lines`; returns exit code, stdout and the message lines. */
  async function startupRead(lines: string[], showParam: string): Promise<{ exitCode: number; stdout: string; messages: string[] }> {
    const file = path.join(scratch, `case-${fileCounter++}.conf`);
    fs.writeFileSync(file, lines.join("\n") + "\n");
    fs.chmodSync(file, 0o644);
    const binDir = findInstallation(version)?.binDir ?? "";
    const dataDir = server?.dataDir ?? "";
    const args = ["-C", showParam, "-D", dataDir, "-c", `config_file=${file}`, "-c", "log_line_prefix="];
    const result = await runAsServerUser(path.join(binDir, "postgres"), args, user);
    fs.rmSync(file);
    const messages = result.stderr.split("\n").filter((line) => /^(LOG|HINT|DETAIL|WARNING): {2}/.test(line));
    return { exitCode: result.exitCode, stdout: result.stdout.trim(), messages };
  }

  const line = (c: ValueCase) => `${c.writtenName} = ${quoted(c.value)}`;
  const verdict = (c: ValueCase) => checkValue(c.param, c.value, version, { writtenName: c.writtenName });
  const describeCase = (c: ValueCase) => `${line(c)}`;

  test("the start-up reader prints exactly checkValue's messages", async () => {
    const batches = rounds(cases);
    const mismatches: string[] = [];
    await inParallel(batches, PARALLEL_PROCESSES, async (batch) => {
      const expected = batch.flatMap((c) => expectedLog(verdict(c)));
      const actual = await startupRead(batch.map(line), "config_file");
      if (JSON.stringify(actual.messages) === JSON.stringify(expected)) return;
      if (process.env.DEBUG_VALUES) {
        const at = expected.findIndex((m, i) => actual.messages[i] !== m);
        console.log(JSON.stringify({ at, expected: expected.slice(at, at + 3), actual: actual.messages.slice(at, at + 3), lengths: [expected.length, actual.messages.length] }, null, 1));
      }
      // Find the lines that disagree, one by one.
      for (const c of batch) {
        const single = await startupRead([line(c)], "config_file");
        const want = expectedLog(verdict(c));
        if (JSON.stringify(single.messages) !== JSON.stringify(want)) mismatches.push(`${describeCase(c)}: server ${JSON.stringify(single.messages)}, checkValue ${JSON.stringify(want)}`);
      }
    });
    console.log(`PostgreSQL ${version}: ${cases.length} values through the start-up reader, ${cases.filter((c) => !verdict(c).ok).length} refused, ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
  }, 120_000);

  test("accepted values come out as checkValue's typed value", async () => {
    const accepted = cases.filter((c) => verdict(c).ok && c.param.vartype !== "string");
    const inSession = (c: ValueCase) => SESSION_CONTEXTS.includes(c.param.context) && !NOT_IN_SESSION.test(c.param.name);
    const mismatches: string[] = [];
    const [session, startup] = [accepted.filter(inSession), accepted.filter((c) => !inSession(c))];
    for (const c of session) {
      const result = verdict(c);
      if (!result.ok) continue;
      await server?.query("SELECT set_config($1, $2, false)", [c.param.name, c.value]);
      const rows = (await server?.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = $1", [c.param.name])) ?? [];
      const setting = rows[0]?.setting;
      await server?.query("RESET ALL");
      if (setting !== shown(c.param, result.value)) mismatches.push(`${describeCase(c)}: server ${setting}, checkValue ${shown(c.param, result.value)}`);
    }
    await inParallel(startup, PARALLEL_PROCESSES, async (c) => {
      const result = verdict(c);
      if (!result.ok) return;
      const read = await startupRead([line(c)], c.param.name);
      // postgres -C prints file modes in decimal: their show hooks (octal) serve SHOW only.
      const want = OCTAL_SHOWN.has(c.param.name) && typeof result.value === "number" ? String(result.value) : shown(c.param, result.value);
      if (read.exitCode !== 0 || read.stdout !== want) mismatches.push(`${describeCase(c)}: server ${read.exitCode} ${read.stdout} ${read.messages.join(" | ")}, checkValue ${want}`);
    });
    console.log(`PostgreSQL ${version}: ${accepted.length} accepted values compared (${session.length} by SET, ${startup.length} by postgres -C), ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
  }, 120_000);

  test("pg_file_settings flags exactly the values checkValue refuses", async () => {
    const viewable = cases.filter((c) => VIEW_CONTEXTS.includes(c.param.context));
    const viewRounds = rounds(viewable);
    const mismatches: string[] = [];
    for (const round of viewRounds) {
      const rows = (await server?.fileSettings({ "postgresql.conf": round.map(line).join("\n") + "\n" })) ?? [];
      round.forEach((c, index) => {
        const row = rows.find((r) => r.sourceline === index + 1);
        const want = verdict(c).ok ? null : "setting could not be applied";
        if (!row || row.error !== want) mismatches.push(`${describeCase(c)}: view ${row ? JSON.stringify(row.error) : "no row"}, checkValue ${JSON.stringify(want)}`);
      });
    }
    console.log(`PostgreSQL ${version}: ${viewable.length} values through pg_file_settings in ${viewRounds.length} rounds, ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
  }, 120_000);
});
