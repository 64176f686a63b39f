// Replays every input in fixtures/regressions/ (failures the fuzzer once found, saved by
// `FUZZ_SAVE=1 npm run fuzz`, plus hand-written ones): the file's extension is its kind
// (.conf, .hba, .ident). Each must pass the fuzz properties: no exception, lossless round trip,
// --fix settling within its edits.
import * as fs from "node:fs";
import * as path from "node:path";
import type { FileKind } from "../../src/kinds";
import { checkFix, checkRoundTrip, REGRESSIONS } from "./fuzz-lib";

const KIND_BY_EXTENSION: Record<string, FileKind> = { ".conf": "conf", ".hba": "hba", ".ident": "ident" };
const cases = fs
  .readdirSync(REGRESSIONS)
  .filter((name) => KIND_BY_EXTENSION[path.extname(name)] !== undefined)
  .sort();

test("the regression fixtures are there", () => {
  expect(cases.length).toBeGreaterThan(0);
});

test.each(cases)("%s", (name) => {
  const kind = KIND_BY_EXTENSION[path.extname(name)]!;
  const bytes = fs.readFileSync(path.join(REGRESSIONS, name));
  checkRoundTrip(bytes, kind);
  checkFix(bytes, kind);
});
