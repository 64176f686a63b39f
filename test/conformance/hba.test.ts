// pg_hba_file_rules and pg_ident_file_mappings as `show` computes them, compared row for row
// with real servers 12–18 (and Debian's full build for ldap/gss/pam records).
import * as path from "node:path";
import { hbaFileRules } from "../../src/views/hba-rules";
import { identFileMappings } from "../../src/views/ident-mappings";
import { OracleServer, requireOracles } from "../oracle/server";
import { compareRows, describeMismatches, newTally, writeReport } from "./compare";
import type { Tally } from "./compare";
import { corpusInputs, fixtureInputs, generatedCount, generatedInputs, sampleInputs } from "./inputs";
import type { ConformanceInput } from "./inputs";

const VERSIONS = requireOracles([12, 13, 14, 15, 16, 17, 18]);
const FULL_BUILD = requireOracles([15], { fullBuild: true }).length > 0;

// The npm builds lack LDAP, GSSAPI and PAM; for those records they answer "... not supported by
// this build". The linter judges as a full build does, so such rows are compared on the full
// build only (below) and counted apart here.
const BUILD_LIMITED = /not supported by this build/;

function withoutBuildLimitedRows<Row extends { error: string | null }>(ours: Row[], server: Row[], tally: Tally): [unknown[], unknown[]] {
  if (!server.some((row) => row.error !== null && BUILD_LIMITED.test(row.error))) return [ours, server];
  const keep = server.map((row) => !(row.error !== null && BUILD_LIMITED.test(row.error)));
  server.forEach((row, i) => {
    if (!keep[i]) tally.serverStateErrors.push(row.error as string);
  });
  // Rule numbers count only rows without an error, so they shift with the skipped rows: drop them.
  const strip = (rows: Row[]) => rows.filter((_row, i) => keep[i] ?? true).map((row) => ({ ...row, rule_number: undefined, map_number: undefined }));
  return [ours.length === server.length ? strip(ours) : ours, strip(server)];
}

async function runHba(server: OracleServer, inputs: ConformanceInput[], tally: Tally): Promise<void> {
  const hbaPath = path.join(server.confDir, "pg_hba.conf");
  for (const input of inputs) {
    const serverRows = await server.hbaFileRules({ "pg_hba.conf": input.content, ...input.extraFiles });
    // The oracle servers run with ssl = off: hostssl records are judged as such a server judges them.
    const ours = hbaFileRules(hbaPath, { pgVersion: server.version, sslEnabled: false });
    const [a, b] = withoutBuildLimitedRows(ours, serverRows, tally);
    compareRows(tally, input, a, b);
  }
}

async function runIdent(server: OracleServer, inputs: ConformanceInput[], tally: Tally): Promise<void> {
  const identPath = path.join(server.confDir, "pg_ident.conf");
  for (const input of inputs) {
    const serverRows = await server.identFileMappings({ "pg_ident.conf": input.content, ...input.extraFiles });
    const ours = identFileMappings(identPath, { pgVersion: server.version });
    compareRows(tally, input, ours, serverRows);
  }
}

const figures: Record<string, unknown> = {};
afterAll(() => writeReport("hba-ident", figures));

describe.each(VERSIONS)("PostgreSQL %i", (version) => {
  let server: OracleServer;
  beforeAll(async () => {
    server = await OracleServer.start(version);
  }, 120_000);
  afterAll(async () => server?.stop(), 60_000);

  const groups: [string, () => ConformanceInput[]][] = [
    ["fixtures", () => fixtureInputs("hba")],
    ["stock sample", () => sampleInputs("hba", version)],
    ["corpus", () => corpusInputs("hba")],
    ["generated", () => generatedInputs("hba", generatedCount(), 1000 + version)],
  ];
  test.each(groups)("pg_hba_file_rules: %s", async (group, inputs) => {
    const tally = newTally();
    await runHba(server, inputs(), tally);
    figures[`hba pg${version} ${group}`] = { files: tally.files, rows: tally.rows, buildLimitedRows: tally.serverStateErrors.length, mismatches: tally.mismatches.length };
    expect(describeMismatches(tally)).toBe("");
  }, 600_000);

  if (version >= 15) {
    const identGroups: [string, () => ConformanceInput[]][] = [
      ["fixtures", () => fixtureInputs("ident")],
      ["stock sample", () => sampleInputs("ident", version)],
      ["corpus", () => corpusInputs("ident")],
      ["generated", () => generatedInputs("ident", generatedCount(), 2000 + version)],
    ];
    test.each(identGroups)("pg_ident_file_mappings: %s", async (group, inputs) => {
      const tally = newTally();
      await runIdent(server, inputs(), tally);
      figures[`ident pg${version} ${group}`] = { files: tally.files, rows: tally.rows, mismatches: tally.mismatches.length };
      expect(describeMismatches(tally)).toBe("");
    }, 600_000);
  }
});

(FULL_BUILD ? describe : describe.skip)("Debian's full build of PostgreSQL 15 (ldap, gss, pam)", () => {
  let server: OracleServer;
  beforeAll(async () => {
    server = await OracleServer.start(15, { fullBuild: true });
  }, 120_000);
  afterAll(async () => server?.stop(), 60_000);

  test("pg_hba_file_rules: generated records with ldap, gss and pam", async () => {
    const tally = newTally();
    await runHba(server, generatedInputs("hba", Math.ceil(generatedCount() / 2), 3015, { fullBuild: true }), tally);
    figures["hba full-build pg15 generated"] = { files: tally.files, rows: tally.rows, mismatches: tally.mismatches.length };
    // The full build supports every method this platform has: bsd (BSD only) and sspi (Windows
    // only) are the only ones it refuses.
    expect(tally.serverStateErrors.filter((error) => !/^invalid authentication method "(bsd|sspi)": not supported by this build$/.test(error))).toEqual([]);
    expect(describeMismatches(tally)).toBe("");
  }, 600_000);
});
