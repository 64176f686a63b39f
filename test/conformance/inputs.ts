// The inputs of the conformance suites: fixtures, each version's stock sample, the shared
// corpus (when present beside the checkout) and seeded random files.
import * as fs from "node:fs";
import * as path from "node:path";
import type { FileKind } from "../../src/kinds";
import { Prng } from "../generators/prng";
import { generateConfFile } from "../generators/conf-gen";
import { generateHbaFile, generateIdentFile } from "../generators/hba-gen";

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const CORPUS_DIR = path.resolve(REPO_ROOT, "../shared/corpus");

export interface ConformanceInput {
  /** Where the input came from, for failure messages: `fixture:x.conf`, `generated:17`, … */
  label: string;
  /** The content of the main file under test. */
  content: Buffer;
  /** Secondary files beside it (e.g. `@users.txt` for hba). */
  extraFiles?: Record<string, Buffer>;
}

const SAMPLE_NAMES: Record<FileKind, string> = { conf: "postgresql.conf.sample", hba: "pg_hba.conf.sample", ident: "pg_ident.conf.sample" };
const CORPUS_SUBDIRS: Record<FileKind, string> = { conf: "conf", hba: "hba", ident: "ident" };

function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => name.endsWith(".conf")).sort();
}

export function fixtureInputs(kind: FileKind): ConformanceInput[] {
  const dir = path.join(REPO_ROOT, "fixtures/conformance", kind);
  return filesIn(dir).map((name) => ({ label: `fixture:${kind}/${name}`, content: fs.readFileSync(path.join(dir, name)) }));
}

/** The stock sample file that server version `major` ships. */
export function sampleInputs(kind: FileKind, major: number): ConformanceInput[] {
  const file = path.join(REPO_ROOT, `oracle/node_modules/pg${major}/native/share/postgresql`, SAMPLE_NAMES[kind]);
  if (!fs.existsSync(file)) throw new Error(`stock sample missing: ${file} (run npm run oracle:install)`);
  return [{ label: `sample:pg${major}/${SAMPLE_NAMES[kind]}`, content: fs.readFileSync(file) }];
}

/** The shared corpus, or nothing when ../shared/corpus does not exist (a fresh clone). */
export function corpusInputs(kind: FileKind): ConformanceInput[] {
  const dir = path.join(CORPUS_DIR, CORPUS_SUBDIRS[kind]);
  return filesIn(dir).map((name) => ({ label: `corpus:${kind}/${name}`, content: fs.readFileSync(path.join(dir, name)) }));
}

// Secondary files that generated `@file` tokens name, sometimes present, sometimes not.
const AT_FILES: Record<string, Buffer> = {
  "users.txt": Buffer.from("alice, bob\n\"quoted user\" # comment\n+group\n"),
  "dbs.txt": Buffer.from("db1 db2\n"),
};

/** `count` generated files, reproducible by `seed`. */
export function generatedInputs(kind: FileKind, count: number, seed: number, options: { fullBuild?: boolean } = {}): ConformanceInput[] {
  const rng = new Prng(seed);
  const inputs: ConformanceInput[] = [];
  for (let i = 0; i < count; i++) {
    const text = kind === "conf" ? generateConfFile(rng) : kind === "hba" ? generateHbaFile(rng, options.fullBuild) : generateIdentFile(rng);
    const input: ConformanceInput = { label: `generated:seed=${seed}#${i}`, content: Buffer.from(text, "utf8") };
    if (kind !== "conf" && rng.chance(0.5)) input.extraFiles = AT_FILES;
    inputs.push(input);
  }
  return inputs;
}

/** How many generated files per kind and version (PGCONF_LINT_CONFORMANCE_COUNT overrides). */
export function generatedCount(): number {
  const fromEnv = Number(process.env.PGCONF_LINT_CONFORMANCE_COUNT);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 2000;
}
