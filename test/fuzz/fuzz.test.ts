// Fuzzing with fast-check: random bytes, byte mutations of the seeded generators' files, and the
// generated files themselves, for each kind. Properties: no exception, lossless round trip,
// --fix settles (idempotent) and touches only its edits' ranges; sampled against the real servers,
// a fixed file is accepted by PostgreSQL where the original was, with no error the fix is to blame for (see blamed()).
// A bounded run in the normal jest run; `npm run fuzz` runs many more (FUZZ_RUNS), and with
// FUZZ_SAVE=1 writes each failing input to fixtures/regressions/ (replayed by regressions.test.ts).
import { diffArrays } from "diff";
import fc from "fast-check";
import type { FileKind } from "../../src/kinds";
import { generateConfFile } from "../generators/conf-gen";
import { generateHbaFile, generateIdentFile } from "../generators/hba-gen";
import { Prng } from "../generators/prng";
import { OracleServer, requireOracles } from "../oracle/server";
import { checkFix, checkProperty, checkRoundTrip, FILE_NAMES, runs, seedOption } from "./fuzz-lib";

const KINDS: FileKind[] = ["conf", "hba", "ident"];

function generated(kind: FileKind, seed: number): Buffer {
  const rng = new Prng(seed);
  // A few files' worth of lines: includes of missing files stay, as the generators write them.
  const text = kind === "conf" ? generateConfFile(rng) + generateConfFile(rng) : kind === "hba" ? generateHbaFile(rng) + generateHbaFile(rng) : generateIdentFile(rng) + generateIdentFile(rng);
  return Buffer.from(text, "utf8");
}

type Mutation = { at: number; op: "insert" | "delete" | "replace"; byte: number };

/** Bytes that matter to the lexers, and any other byte. */
const byteArb = fc.oneof(fc.constantFrom(0x0a, 0x0d, 0x20, 0x09, 0x23, 0x27, 0x22, 0x3d, 0x2c, 0x5c, 0x2e, 0x2f, 0x40, 0x2b, 0x00, 0xef, 0xbb, 0xbf, 0xe9, 0xc3, 0xa9, 0xff), fc.integer({ min: 0, max: 255 }));
const mutationArb = fc.record({ at: fc.nat(), op: fc.constantFrom<Mutation["op"]>("insert", "delete", "replace"), byte: byteArb });

function mutate(bytes: Buffer, mutations: Mutation[]): Buffer {
  let out = Buffer.from(bytes);
  for (const { at, op, byte } of mutations) {
    const i = out.length === 0 ? 0 : at % (out.length + (op === "insert" ? 1 : 0));
    if (op === "insert") out = Buffer.concat([out.subarray(0, i), Buffer.from([byte]), out.subarray(i)]);
    else if (op === "delete" && out.length > 0) out = Buffer.concat([out.subarray(0, i), out.subarray(i + 1)]);
    else if (op === "replace" && out.length > 0) out[i] = byte;
  }
  return out;
}

const CI_RUNS = 150;

describe.each(KINDS)("%s", (kind) => {
  test("random bytes: no exception, round trip, --fix settles within its edits", () => {
    const arb = fc.uint8Array({ maxLength: 400 });
    checkProperty(`${kind}-bytes`, arb, (bytes) => ({ bytes, kind }), (bytes) => {
      checkRoundTrip(bytes, kind);
      checkFix(bytes, kind);
    }, runs(CI_RUNS));
  });

  test("generated files with byte mutations: no exception, round trip, --fix settles within its edits", () => {
    const arb = fc.record({ seed: fc.nat(), mutations: fc.array(mutationArb, { maxLength: 6 }) });
    const toFile = ({ seed, mutations }: { seed: number; mutations: Mutation[] }) => ({ bytes: mutate(generated(kind, seed), mutations), kind });
    checkProperty(`${kind}-mutated`, arb, toFile, (value) => {
      const { bytes } = toFile(value);
      checkRoundTrip(bytes, kind);
      checkFix(bytes, kind);
    }, runs(CI_RUNS));
  });
});

// Sampled against a real server: a file the server accepts stays accepted after --fix, and a
// fixed file that the server still rejects has no error on a line the fix wrote.
const ORACLE_VERSIONS = requireOracles([18]);
const ORACLE_SAMPLES = Number(process.env.FUZZ_ORACLE_SAMPLES ?? 12);

(ORACLE_VERSIONS.length > 0 ? describe : describe.skip)("fixed files against PostgreSQL 18", () => {
  let server: OracleServer;
  beforeAll(async () => {
    server = await OracleServer.start(18);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  /** The server's complaints about a postgresql.conf, without file names and line numbers. */
  /** The server's error lines for a postgresql.conf (LOG lines that are not errors left out). */
  async function serverErrors(bytes: Buffer): Promise<{ ok: boolean; errors: string[] }> {
    const check = await server.startupCheck({ [FILE_NAMES.conf]: bytes });
    const errors = check.stderr
      .split("\n")
      .filter((line) => /(LOG|FATAL|ERROR):/.test(line) && !/contains errors|skipping missing configuration file/.test(line))
      .map((line) => line.replace(/^.*?(LOG|FATAL|ERROR):\s+/, ""));
    return { ok: check.exitCode === 0, errors };
  }

  /**
   * The errors of the fixed file that the fix is to blame for: those on a line the fix wrote, or
   * about a parameter set on such a line. The others were in the original already, hidden: the
   * server judges no value while a syntax error remains, so removing one (a BOM, a typographic
   * quote, a space in a name) brings the next problem of an untouched line to light. For the same
   * reason a written line that the server rejected before (a syntax error at its line number) is
   * not blamed for what it still holds: `x = ‘a.b’` fixed to `x = 'a.b'` is now read, and the
   * server judges the value it always had. Nor is a line of `exempt` (see brokenBefore), nor an
   * error without a line or a parameter that such a line gives by itself (`exempt`'s values).
   */
  function blamed(errors: string[], originalErrors: string[], original: string, fixed: string, exempt: ReadonlyMap<number, string[]> = new Map()): string[] {
    const kept = new Map<string, number>();
    for (const line of original.split("\n")) kept.set(line.replace(/\r$/, ""), (kept.get(line.replace(/\r$/, "")) ?? 0) + 1);
    const rejectedBefore = (lineNumber: number) => originalErrors.some((before) => before.includes(` line ${lineNumber},`) || before.endsWith(` line ${lineNumber}`));
    const written = fixed
      .split("\n")
      .map((line, index) => ({ text: line.replace(/\r$/, ""), lineNumber: index + 1 }))
      .filter(({ text }) => {
        const count = kept.get(text) ?? 0;
        if (count > 0) kept.set(text, count - 1);
        return count === 0;
      })
      .filter(({ lineNumber }) => !rejectedBefore(lineNumber) && !exempt.has(lineNumber));
    return errors.filter((error) => {
      const lineNumber = / line (\d+)/.exec(error)?.[1];
      if (lineNumber !== undefined) return written.some((line) => line.lineNumber === Number(lineNumber));
      const parameter = /parameter "([^"]+)"/.exec(error)?.[1];
      if (parameter !== undefined) return written.some((line) => line.text.toLowerCase().includes(parameter.toLowerCase()));
      return !originalErrors.includes(error) && ![...exempt.values()].some((own) => own.includes(error));
    });
  }

  /** Each line the fix changed (not one it added), by its number in the fixed file, with the
   *  original line it replaced: the removed and added runs of a line diff, paired in order. */
  function changedLines(original: string, fixed: string): Map<number, string> {
    const pairs = new Map<number, string>();
    const changes = diffArrays(original.split("\n"), fixed.split("\n"));
    let fixedLine = 1;
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i]!;
      const next = changes[i + 1];
      if ((change.removed && next?.added) || (change.added && next?.removed)) {
        const [removed, added] = change.removed ? [change.value, next.value] : [next.value, change.value];
        added.forEach((_line, k) => {
          if (k < removed.length) pairs.set(fixedLine + k, removed[k]!);
        });
        fixedLine += added.length;
        i++;
      } else if (!change.removed) {
        fixedLine += change.value.length;
      }
    }
    return pairs;
  }

  /** The lines of the fixed file whose original the server refuses by itself: broken before the
   *  fix, though the server never said so (the syntax errors of other lines stop it before it
   *  judges names and values). A BOM is part of the first name for the server: removing it from
   *  `<BOM>9abc ON` leaves a syntax error, and from `<BOM>include ''` an include of no file,
   *  where the original was a setting of an unknown parameter. Each with the errors the fixed
   *  line gives by itself. */
  async function brokenBefore(original: string, fixed: string): Promise<Map<number, string[]>> {
    const broken = new Map<number, string[]>();
    const fixedLines = fixed.split("\n");
    for (const [lineNumber, originalLine] of changedLines(original, fixed)) {
      if ((await serverErrors(Buffer.from(`${originalLine}\n`, "latin1"))).ok) continue;
      broken.set(lineNumber, (await serverErrors(Buffer.from(`${fixedLines[lineNumber - 1]!}\n`, "latin1"))).errors);
    }
    return broken;
  }

  /** Inputs a random run once failed on (`npm run fuzz`), checked on every run. */
  const PINNED: Buffer[] = [
    // A typographic quote fixed on a line whose value the server then judges (and refuses, as it
    // would have without the quote): not the fix's fault.
    Buffer.from("x.y\t\t'tab separated'\n# a comment\n work_mem\t=\t100ms \n\n\tvacuum_cost_delay=\u2018quoted.value\u2019 # tight\n\tWork_Mem ='it''s'  # has 'quotes' and = signs\n", "utf8"),
    // A BOM removed from a first line that is then a syntax error, or an include of no file (brokenBefore).
    Buffer.from("\ufeffinclude ''\n\teffective_cache_size '\"$user\", public'\n\f\nx.y = 1 # trailing\nmy.setting = n\t\t# tab comment\nx.y = 1 2\n\tX.Y= 1TB #\na_b.c_d true \n wIrk_mem  64 \nbgwriter_delay = ON \t# tab comment\ninclude_dir = 'no_such_dir'\n", "utf8"),
    Buffer.from("\ufeff9abc ON\r\ncaf\u00e9.option=\u2018quoted.value\u2019\nlog_temp_files n # tight\n my.setting= serializable \t# tab comment\nlog_line_prefix  1.5GB \nclient_min_messages\t=\t1#tight\nx.y = '#not a \\omment' # comment\ncaf\u00e9.option = \u2018on\u2019 #\n", "utf8"),
  ];

  test("postgresql.conf: generated, mutated, fixed, judged by postgres -C", async () => {
    const samples = fc.sample(fc.record({ seed: fc.nat(), mutations: fc.array(mutationArb, { maxLength: 2 }) }), { numRuns: ORACLE_SAMPLES, ...seedOption() });
    const failures: string[] = [];
    for (const original of [...PINNED, ...samples.map(({ seed, mutations }) => mutate(generated("conf", seed), mutations))]) {
      if (original.includes(0)) continue; // fatal for the linter, nothing fixed
      const { after } = checkFix(original, "conf");
      if (Buffer.compare(after, original) === 0) continue;
      const before = await serverErrors(original);
      const fixed = await serverErrors(after);
      const [originalText, fixedText] = [original.toString("latin1"), after.toString("latin1")];
      let added = blamed(fixed.errors, before.errors, originalText, fixedText);
      if (added.length > 0) added = blamed(fixed.errors, before.errors, originalText, fixedText, await brokenBefore(originalText, fixedText));
      if ((before.ok && !fixed.ok) || added.length > 0) failures.push(`${JSON.stringify(original.toString("latin1"))} -> ${JSON.stringify(after.toString("latin1"))}: ${added.join("; ") || "now rejected"}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
