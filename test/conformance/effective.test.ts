// `show --effective` against `postgres -C`: for every corpus/fixture postgresql.conf that
// PostgreSQL 18 starts with, each parameter we list as non-default has, according to the
// server, the value we computed (compared in the base unit for numbers).
import * as path from "node:path";
import { loadCatalog, lookupParameter } from "../../src/catalog";
import { effectiveRows } from "../../src/cli/show-effective";
import { checkValue } from "../../src/values";
import { OracleServer, requireOracles } from "../oracle/server";
import { writeReport } from "./compare";
import { corpusInputs, fixtureInputs, sampleInputs } from "./inputs";

const VERSIONS = requireOracles([18]);

(VERSIONS.length > 0 ? describe : describe.skip)("show --effective agrees with postgres -C (PostgreSQL 18)", () => {
  let server: OracleServer;
  beforeAll(async () => {
    server = await OracleServer.start(18);
  }, 120_000);
  afterAll(async () => server?.stop(), 60_000);

  test("corpus, fixtures and the stock sample", async () => {
    const catalog = loadCatalog(18);
    const inputs = [...fixtureInputs("conf"), ...sampleInputs("conf", 18), ...corpusInputs("conf")];
    const figures = { files: inputs.length, starting: 0, parametersCompared: 0, mismatches: [] as string[] };
    for (const input of inputs) {
      const files = { "postgresql.conf": input.content };
      const start = await server.startupCheck(files);
      if (start.exitCode !== 0) continue;
      figures.starting++;
      const rows = effectiveRows(path.join(server.confDir, "postgresql.conf"), 18, server.confDir);
      for (const row of rows) {
        const parameter = lookupParameter(catalog, row.name)!;
        // Computed at start-up from other settings or the machine, not from the file alone.
        if (["data_directory", "config_file", "hba_file", "ident_file", "external_pid_file", "unix_socket_directories", "port", "listen_addresses"].includes(parameter.name)) continue;
        const shown = (await server.startupCheck(files, "postgresql.conf", row.name)).stdout.replace(/\n$/, "");
        figures.parametersCompared++;
        let agrees: boolean;
        if (parameter.vartype === "integer" || parameter.vartype === "real") {
          const parsed = checkValue(parameter, shown, 18);
          agrees = parsed.ok && String(parsed.baseValue) === row.base_value;
        } else if (parameter.vartype === "bool" || parameter.vartype === "enum") {
          agrees = shown.toLowerCase() === (row.base_value ?? "").toLowerCase();
        } else {
          agrees = shown === row.setting;
        }
        // DateStyle's check hook rewrites the value in its canonical spelling ("iso, mdy" is shown "ISO, MDY").
        if (parameter.name === "DateStyle" && shown.toLowerCase() === row.setting.toLowerCase()) agrees = true;
        // An extension's parameter whose module postgres -C does not load stays a placeholder: the raw text.
        if (parameter.module && shown === row.setting) agrees = true;
        if (!agrees) figures.mismatches.push(`${input.label}: ${row.name}: ours ${row.setting} (${row.base_value}), postgres -C ${shown}`);
      }
    }
    writeReport("effective", figures);
    expect(figures.starting).toBeGreaterThan(10);
    expect(figures.mismatches).toEqual([]);
  }, 900_000);
});
