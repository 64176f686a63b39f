// The machine-readable formats, as the built CLI writes them, checked by their consumers' own
// validators: SARIF by Microsoft's SARIF Multitool (`validate`: the SARIF 2.1.0 schema, the
// specification's correctness rules and GitHub code scanning's ingestion rules) and rdjson by
// reviewdog's format validator (@umbrelladocs/rdformat-validator). Both run on the bundled example
// and on a fixture whose findings carry a fix, a fix with a suggestion and a suggestion alone;
// each validator is also shown output it must reject, so that a validator that accepts anything
// cannot pass for a clean report.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import multitoolPath from "@microsoft/sarif-multitool";
import Ajv from "ajv";
import { build, EDITS_FIXTURE, REPO, removeTempDirs, runCli, tempDir, writeTree } from "./cli";

let work: string;
let fixture: string;

beforeAll(() => {
  build();
  work = tempDir("validators");
  fixture = writeTree(tempDir("edits"), EDITS_FIXTURE);
}, 60_000);

afterAll(removeTempDirs);

/** The CLI's report in `format`: exit status 1 (both inputs have errors), nothing on stderr. */
function report(format: "sarif" | "rdjson", input: "example" | "fixture"): string {
  const result = input === "example" ? runCli(["--format", format, "examples/cluster"], REPO) : runCli(["--format", format], fixture);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(1);
  return result.stdout;
}

function save(name: string, content: string): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, content);
  return file;
}

// ---------------------------------------------------------------------------------------------
// SARIF: Microsoft's SARIF Multitool
// ---------------------------------------------------------------------------------------------

type Level = "error" | "warning" | "note";

interface Finding {
  ruleId: string;
  level: Level;
  file: string;
  text: string;
}

/**
 * What the Multitool reports that is acceptable in our logs. Everything else at level error or
 * warning fails; notes (style advice: rule ids like "CS2001", Pascal-case rule names, snippets,
 * embedded file contents) are not requirements of SARIF or of GitHub.
 */
const ACCEPTED: Record<string, string> = {
  // "The 'artifacts' array contains no information beyond the locations of the artifacts": every
  // linted file is listed, with or without results, as ESLint's SARIF formatter does, so that
  // the log records what was analysed.
  SARIF2004: "artifacts listed by location only, on purpose",
};

/** Rule SARIF2006 fetches every URI in the log over HTTP (slow, and the network is not ours to
 *  depend on); the rest of the Multitool's rules run with their defaults. */
const MULTITOOL_CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
`;

/** The Multitool's binary, made executable if need be: its platform package (e.g.
 *  @microsoft/sarif-multitool-linux) does that in a postinstall script, which
 *  `npm install --ignore-scripts` and npm's allowScripts policy skip. */
function multitool(): string {
  try {
    fs.accessSync(multitoolPath, fs.constants.X_OK);
  } catch {
    fs.chmodSync(multitoolPath, fs.statSync(multitoolPath).mode | 0o100);
  }
  return multitoolPath;
}

/** The parts of our own logs that the tests read or break. */
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  message: { text: string };
  locations: { physicalLocation: { region: { startLine: number } } }[];
  fixes?: { description: { text: string } }[];
}

interface SarifLog {
  runs: { results: SarifResult[] }[];
}

interface ValidationLog {
  runs: {
    tool: { driver: { rules?: { id: string; defaultConfiguration?: { level?: Level }; messageStrings?: Record<string, { text: string }> }[] } };
    results?: {
      ruleId: string;
      ruleIndex?: number;
      level?: Level;
      message: { text?: string; id?: string; arguments?: string[] };
      locations?: { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }[];
    }[];
  }[];
}

/** `Sarif.Multitool validate` on the files, every rule kind that applies to a log uploaded to
 *  GitHub (`Sarif;Gh`) and every level; its findings, read from its own SARIF log (its exit status
 *  is 0 whatever it finds). */
function validateSarif(files: string[]): Finding[] {
  const output = path.join(work, `validation-${path.basename(files[0]!)}`);
  const config = save("multitool-config.xml", MULTITOOL_CONFIG);
  const args = ["validate", ...files, "--output", output, "--log", "ForceOverwrite", "--config", config, "--rule-kind", "Sarif;Gh", "--level", "Error;Warning;Note", "--quiet"];
  // Invariant globalization: .NET then needs no ICU library on the machine.
  const env = { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1" };
  const result = spawnSync(multitool(), args, { encoding: "utf8", env, timeout: 180_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`Sarif.Multitool validate exited with ${result.status}: ${result.stdout}${result.stderr}`);
  const run = (JSON.parse(fs.readFileSync(output, "utf8")) as ValidationLog).runs[0]!;
  const rules = run.tool.driver.rules ?? [];
  return (run.results ?? []).map((found) => {
    const rule = rules[found.ruleIndex ?? -1] ?? rules.find((candidate) => candidate.id === found.ruleId);
    const template = found.message.text ?? rule?.messageStrings?.[found.message.id ?? ""]?.text ?? found.message.id ?? "";
    const text = template.replace(/\{(\d+)\}/g, (_, index: string) => found.message.arguments?.[Number(index)] ?? "");
    const location = found.locations?.[0]?.physicalLocation;
    const uri = location?.artifactLocation?.uri ?? "";
    const file = uri.startsWith("file:") ? fileURLToPath(uri) : uri;
    const level = found.level ?? rule?.defaultConfiguration?.level ?? "warning";
    return { ruleId: found.ruleId, level, file, text: `${path.basename(file)}:${location?.region?.startLine ?? "?"}: ${text}` };
  });
}

/** The findings that make a log unacceptable. */
function problems(findings: Finding[]): string[] {
  return findings.filter((finding) => finding.level !== "note" && !(finding.ruleId in ACCEPTED)).map((finding) => `${finding.level} ${finding.ruleId} ${finding.text}`);
}

/**
 * The Multitool drops, without a word, a log it cannot deserialize (an unknown `level`, say): it
 * then reports nothing for any file of the run. Each log of ours has findings at level note at
 * least (its results carry message text rather than message ids, for one), so a file without
 * any was not read.
 */
function unread(files: string[], findings: Finding[]): string[] {
  return files.filter((file) => !findings.some((finding) => finding.file === file));
}

describe("SARIF, validated by Microsoft's SARIF Multitool", () => {
  let files: { example: string; fixture: string; badLine: string; badIndex: string; badShape: string };
  let findings: Finding[];

  beforeAll(() => {
    const example = save("example.sarif", report("sarif", "example"));
    const fixture = save("fixture.sarif", report("sarif", "fixture"));
    // Broken copies of the fixture's log, for the Multitool to reject.
    const badLine = fixtureLog();
    badLine.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    const badIndex = fixtureLog();
    badIndex.runs[0]!.results[0]!.ruleIndex = 99;
    const badShape = fixtureLog();
    delete (badShape.runs[0]!.results[0]! as Partial<SarifResult>).message;
    files = { example, fixture, badLine: save("bad-line.sarif", JSON.stringify(badLine)), badIndex: save("bad-index.sarif", JSON.stringify(badIndex)), badShape: save("bad-shape.sarif", JSON.stringify(badShape)) };
    // One run for all of them: the Multitool takes seconds to start.
    findings = validateSarif(Object.values(files));

    function fixtureLog(): SarifLog {
      return JSON.parse(fs.readFileSync(fixture, "utf8")) as SarifLog;
    }
  }, 240_000);

  const of = (file: string) => findings.filter((finding) => finding.file === file);

  test("the bundled example's log is valid", () => {
    expect(unread([files.example], findings)).toEqual([]);
    expect(problems(of(files.example))).toEqual([]);
  });

  test("a log with a fix, a fix and a suggestion, and a suggestion alone is valid", () => {
    // The fixture still has what it is for: fixes described as --fix's, and a suggestion's.
    const log = JSON.parse(fs.readFileSync(files.fixture, "utf8")) as SarifLog;
    const fixes = Object.fromEntries(log.runs[0]!.results.map((result) => [result.ruleId, (result.fixes ?? []).map((fix) => fix.description.text)]));
    const autofix = "The fix that `pgconf-lint --fix` applies.";
    expect(fixes["typographic-quotes"]).toEqual([autofix]);
    expect(fixes["hba-no-md5"]).toEqual([autofix, expect.not.stringMatching(/^The fix that/)]);
    expect(fixes["hba-no-trust"]).toEqual([expect.not.stringMatching(/^The fix that/)]);

    expect(unread([files.fixture], findings)).toEqual([]);
    expect(problems(of(files.fixture))).toEqual([]);
  });

  test("the logs are valid against the SARIF 2.1.0 schema too (ajv), which the Multitool does not always check", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { $schema: _draft04, id, ...schema } = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json") as { id: string } & Record<string, unknown>;
    const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
    ajv.addFormat("uri", { validate: (value: string) => URL.canParse(value) });
    ajv.addFormat("uri-reference", { validate: (value: string) => URL.canParse(value, "file:///base/") });
    ajv.addFormat("date-time", { validate: (value: string) => !Number.isNaN(Date.parse(value)) });
    const validate = ajv.compile({ ...schema, $id: id });
    for (const file of [files.example, files.fixture]) {
      validate(JSON.parse(fs.readFileSync(file, "utf8")));
      expect(validate.errors ?? []).toEqual([]);
    }
  });

  test("the Multitool rejects broken logs", () => {
    const errors = (file: string) => of(file).filter((finding) => finding.level === "error").map((finding) => finding.ruleId);
    expect(errors(files.badLine)).toContain("JSON1008"); // below the schema's minimum
    expect(errors(files.badIndex)).toContain("SARIF1009"); // an index beyond its array
    expect(errors(files.badShape)).toContain("JSON1002"); // a required property missing
  });

  test("a log the Multitool cannot read is not taken for a clean one", () => {
    const log = JSON.parse(fs.readFileSync(files.fixture, "utf8")) as { runs: { results: { level: string }[] }[] };
    log.runs[0]!.results[0]!.level = "fatal";
    const unreadable = save("bad-level.sarif", JSON.stringify(log));
    const found = validateSarif([unreadable]);
    expect(found).toEqual([]);
    expect(unread([unreadable], found)).toEqual([unreadable]);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// rdjson: reviewdog's Diagnostic Format validator
// ---------------------------------------------------------------------------------------------

interface RdfValidation {
  success: boolean;
  fileResults: { file: string; valid: boolean; errorDetails?: { path: string; message: string; code: string }[]; warningDetails?: { path: string; message: string; code: string }[] }[];
}

const RDF_PACKAGE = path.join(REPO, "node_modules/@umbrelladocs/rdformat-validator");

/** `rdformat-validator --strict --no-extra-fields` (strict mode; no property outside
 *  reviewdog.proto's DiagnosticResult) on the files, its JSON report. */
function validateRdjson(files: string[]): RdfValidation {
  const bin = (JSON.parse(fs.readFileSync(path.join(RDF_PACKAGE, "package.json"), "utf8")) as { bin: Record<string, string> }).bin["rdformat-validator"]!;
  const result = spawnSync(process.execPath, [path.join(RDF_PACKAGE, bin), "--strict", "--no-extra-fields", "--format", "json", ...files], { encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  const validation = JSON.parse(result.stdout) as RdfValidation;
  expect(result.status).toBe(validation.success ? 0 : 1);
  return validation;
}

describe("rdjson, validated by reviewdog's rdformat validator", () => {
  let files: { example: string; fixture: string };

  beforeAll(() => {
    files = { example: save("example.rdjson", report("rdjson", "example")), fixture: save("fixture.rdjson", report("rdjson", "fixture")) };
  });

  test("the bundled example's and the fixture's reports are valid, warnings included", () => {
    // The fixture still has what it is for: the fix and the suggestions as reviewdog suggestions.
    const diagnostics = (JSON.parse(fs.readFileSync(files.fixture, "utf8")) as { diagnostics: { code: { value: string }; suggestions?: unknown[] }[] }).diagnostics;
    const suggestions = Object.fromEntries(diagnostics.map((diagnostic) => [diagnostic.code.value, diagnostic.suggestions?.length ?? 0]));
    expect(suggestions).toEqual({ "typographic-quotes": 1, "hba-no-md5": 2, "hba-no-trust": 1 });

    const validation = validateRdjson([files.example, files.fixture]);
    expect(validation.fileResults.map(({ file, valid, errorDetails, warningDetails }) => ({ file, valid, errors: errorDetails ?? [], warnings: warningDetails ?? [] }))).toEqual([
      { file: files.example, valid: true, errors: [], warnings: [] },
      { file: files.fixture, valid: true, errors: [], warnings: [] },
    ]);
    expect(validation.success).toBe(true);
  });

  test("the validator rejects a broken report", () => {
    const broken = JSON.parse(fs.readFileSync(files.fixture, "utf8")) as { diagnostics: Record<string, unknown>[] };
    broken.diagnostics[0]!.severity = "FATAL";
    broken.diagnostics[1]!.fixes = [];
    const file = save("broken.rdjson", JSON.stringify(broken));
    const validation = validateRdjson([file]);
    expect(validation.success).toBe(false);
    expect(validation.fileResults[0]!.errorDetails!.map((error) => error.code).sort()).toEqual(["INVALID_SEVERITY", "UNKNOWN_PROPERTY"]);
  });
});
