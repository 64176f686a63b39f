// The command line's grammar: the commands and options (parsed by yargs), and the one shape of
// command line that needs no parser: file names only, which is how pre-commit and most hooks
// call a linter. That call is answered without loading yargs (about a fifth of the start-up;
// docs/performance.md), with the defaults of the same option table, so both paths agree
// (src/cli/arguments.test.ts holds them to it).
import fs = require("node:fs");
import type { Options } from "yargs";
import { FILE_KINDS } from "../kinds";
import type { FileKind } from "../kinds";
import { FORMAT_NAMES } from "../format";
import { yargsFactory } from "../on-demand";
import { DEFAULT_PG_VERSION, SUPPORTED_PG_VERSIONS } from "../views/types";
import { UsageError } from "./errors";
import type { LintCommandOptions } from "./lint-command";

/** The options of the lint command (the default one), in the order --help lists them. */
export const LINT_OPTIONS = {
  kind: { choices: FILE_KINDS, describe: "file kind, when the names do not say" },
  "pg-version": { type: "number", describe: `target PostgreSQL major version (${SUPPORTED_PG_VERSIONS[0]}-${SUPPORTED_PG_VERSIONS[SUPPORTED_PG_VERSIONS.length - 1]}; default: the config's, else ${DEFAULT_PG_VERSION})` },
  config: { alias: "c", type: "string", describe: "use this configuration file instead of looking one up" },
  "config-lookup": { type: "boolean", default: true, describe: "look up .pgconf-lint.json / package.json above each file (--no-config-lookup: don't)" },
  rule: { type: "string", array: true, nargs: 1, default: [] as string[], describe: "set a rule: 'id: error' or JSON '{\"id\": [\"warn\", {...}]}'" },
  "include-root": { type: "string", array: true, nargs: 1, describe: "a directory that include directives may read besides the linted tree (repeatable)" },
  preset: { type: "string", array: true, nargs: 1, describe: "presets instead of the config's extends: recommended, cis, all" },
  format: { alias: "f", type: "string", default: "stylish", describe: `output format: ${FORMAT_NAMES.join(", ")}, diff` },
  "output-file": { alias: "o", type: "string", describe: "write the report to a file" },
  "max-warnings": { type: "number", default: -1, describe: "exit 1 when there are more warnings than this" },
  quiet: { type: "boolean", default: false, describe: "report errors only" },
  color: { type: "boolean", describe: "force or disable colours (default: on a TTY, unless NO_COLOR)" },
  stdin: { type: "boolean", default: false, describe: "lint the text on standard input" },
  "stdin-filename": { type: "string", describe: "the file name for --stdin (its kind, its config, its includes)" },
  fix: { type: "boolean", default: false, describe: "fix what can be fixed, in place (atomic writes)" },
  "fix-dry-run": { type: "boolean", default: false, describe: "fix in memory; --format json shows each file's fixed `output`" },
  diff: { type: "boolean", default: false, describe: "print the fixes as a unified diff (git apply / patch -p1)" },
  "fix-rule": { type: "string", array: true, nargs: 1, describe: "apply only this rule's fixes (repeatable)" },
  "fix-type": { type: "string", array: true, nargs: 1, describe: "apply only fixes of rules of this category: security, tls, authentication, logging, durability, correctness, syntax" },
  "changed-since": { type: "string", describe: "lint only the files changed since this git revision" },
  "only-changed-lines": { type: "boolean", default: false, describe: "with --changed-since: report only findings on changed lines (review bots)" },
  "report-unused-disable-directives": { type: "boolean", default: false, describe: "report pgconf-lint-disable directives that silence nothing" },
} as const satisfies Record<string, Options>;

/** The lint command's arguments, as yargs hands them over. */
export interface LintArgs {
  files?: string[];
  kind?: FileKind;
  "pg-version"?: number;
  config?: string;
  "config-lookup": boolean;
  rule: string[];
  "include-root"?: string[];
  preset?: string[];
  format: string;
  "output-file"?: string;
  "max-warnings": number;
  quiet: boolean;
  color?: boolean;
  stdin: boolean;
  "stdin-filename"?: string;
  fix: boolean;
  "fix-dry-run": boolean;
  diff: boolean;
  "fix-rule"?: string[];
  "fix-type"?: string[];
  "changed-since"?: string;
  "only-changed-lines": boolean;
  "report-unused-disable-directives": boolean;
}

/** Colours: --color/--no-color, else NO_COLOR / FORCE_COLOR, else whether stdout is a TTY. */
function wantColor(flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== "0") return true;
  return process.stdout.isTTY === true;
}

/** The lint command's options from its arguments (the same for both ways of reading them). */
export function lintCommandOptions(args: LintArgs, stdout: (text: string | Buffer) => void, stderr: (text: string) => void): LintCommandOptions {
  if (args["only-changed-lines"] && args["changed-since"] === undefined) throw new UsageError("--only-changed-lines needs --changed-since REF");
  if (args.fix && args.diff) throw new UsageError("--fix writes the files and --diff prints the changes: choose one");
  if (args.stdin && (args.files?.length ?? 0) > 0) throw new UsageError("--stdin takes no file arguments; name the file with --stdin-filename");
  return {
    patterns: args.files ?? [],
    cwd: process.cwd(),
    ...(args.kind ? { kind: args.kind } : {}),
    ...(args["pg-version"] !== undefined ? { pgVersion: args["pg-version"] } : {}),
    ...(args.config ? { configPath: args.config } : {}),
    configLookup: args["config-lookup"],
    ruleArgs: args.rule,
    ...(args["include-root"] ? { includeRoots: args["include-root"] } : {}),
    ...(args.preset ? { presets: args.preset } : {}),
    format: args.format,
    ...(args["output-file"] ? { outputFile: args["output-file"] } : {}),
    maxWarnings: args["max-warnings"],
    quiet: args.quiet,
    color: wantColor(args.color),
    ...(args.stdin ? { stdinText: fs.readFileSync(0, "utf8") } : {}),
    ...(args["stdin-filename"] ? { stdinFilename: args["stdin-filename"] } : {}),
    fix: args.fix,
    fixDryRun: args["fix-dry-run"],
    diff: args.diff,
    reportUnusedDisableDirectives: args["report-unused-disable-directives"],
    progress: process.stderr.isTTY === true,
    ...(args["fix-rule"] ? { fixRules: args["fix-rule"] } : {}),
    ...(args["fix-type"] ? { fixTypes: args["fix-type"] } : {}),
    ...(args["changed-since"] !== undefined ? { changedSince: args["changed-since"] } : {}),
    onlyChangedLines: args["only-changed-lines"],
    stdout,
    stderr,
  };
}

/** What each command does with its arguments (src/cli/main.ts runs them; tests capture them). */
export interface CommandHandlers {
  lint(args: LintArgs): void;
  show(args: { files: string[]; kind?: FileKind; "pg-version": number; format: "table" | "json"; ssl: boolean; effective: boolean }): void;
  rules(args: { format: "table" | "json" | "markdown" }): void;
  printConfig(args: { file: string; config?: string; "config-lookup": boolean }): void;
  lsp(): Promise<void>;
  init(args: { "pg-version": number; preset: string }): void;
}

const COMMAND_NAMES = new Set(["show", "rules", "print-config", "lsp", "init"]);

/** The lint command's arguments when the command line is file names only (no option, no
 *  command), else null: such a line means the defaults of LINT_OPTIONS and these files. */
export function fileNamesOnly(argv: readonly string[]): LintArgs | null {
  if (argv.some((arg) => arg.startsWith("-")) || (argv.length > 0 && COMMAND_NAMES.has(argv[0]!))) return null;
  const defaults = Object.fromEntries(Object.entries(LINT_OPTIONS).flatMap(([name, option]) => ("default" in option ? [[name, option.default]] : [])));
  return { ...defaults, ...(argv.length > 0 ? { files: [...argv] } : {}) } as unknown as LintArgs;
}

/** Parses the command line with yargs and runs the command's handler; usage errors throw. */
export async function parseCommandLine(argv: string[], handlers: CommandHandlers, version: string, columns: number | undefined): Promise<void> {
  await yargsFactory()(argv)
    .scriptName("pgconf-lint")
    .usage("$0 [files, directories or globs...] [options]\n\nLints postgresql.conf (with its includes and postgresql.auto.conf), pg_hba.conf and pg_ident.conf as PostgreSQL reads them.")
    .command(
      "$0 [files..]",
      "Lint configuration files (default: every postgresql*.conf, pg_hba*.conf and pg_ident*.conf under the working directory)",
      (y) =>
        y
          .positional("files", { type: "string", array: true, describe: "files, directories or globs" })
          .options(LINT_OPTIONS)
          .example("$0", "lint every configuration file under the working directory")
          .example("$0 --pg-version 15 data/postgresql.conf data/pg_hba.conf", "lint a cluster for PostgreSQL 15")
          .example("$0 --fix postgresql.conf", "fix what can be fixed, in place")
          .example("$0 --diff . | git apply", "review the fixes as a patch, then apply it")
          .example("$0 --format sarif -o pgconf-lint.sarif", "a report for GitHub code scanning")
          .example("cat postgresql.conf | $0 --stdin --stdin-filename postgresql.conf", "lint an editor's buffer"),
      (args) => handlers.lint(args),
    )
    .command(
      "show <files..>",
      "Print what PostgreSQL reads from the files, as its views pg_file_settings / pg_hba_file_rules / pg_ident_file_mappings show it",
      (y) =>
        y
          .positional("files", { type: "string", array: true, demandOption: true, describe: "configuration files" })
          .option("kind", { choices: FILE_KINDS, describe: "file kind (default: from the file name)" })
          .option("pg-version", { type: "number", choices: [...SUPPORTED_PG_VERSIONS], default: DEFAULT_PG_VERSION, describe: "target PostgreSQL major version" })
          .option("format", { choices: ["table", "json"] as const, default: "table" as const, describe: "output format" })
          .option("ssl", { type: "boolean", default: true, describe: "whether the server has ssl on (hostssl records cannot match without it)" })
          .option("effective", { type: "boolean", default: false, describe: "postgresql.conf: each parameter whose effective value differs from the default, with its source and whether a change needs a restart" })
          .example("$0 show --effective postgresql.conf", "the effective non-default settings, where each is set")
          .example("$0 show postgresql.conf", "settings as pg_file_settings shows them, includes followed")
          .example("$0 show --pg-version 15 --format json pg_hba.conf", "hba rules as PostgreSQL 15's pg_hba_file_rules, as JSON"),
      (args) => handlers.show({ ...args, files: args.files as string[] }),
    )
    .command(
      "rules",
      "List the rules: id, description, presets, fixability",
      (y) => y.option("format", { choices: ["table", "json", "markdown"] as const, default: "table" as const }),
      (args) => handlers.rules(args),
    )
    .command(
      "print-config <file>",
      "Print the configuration that applies to a file (after lookup, overrides and presets)",
      (y) =>
        y
          .positional("file", { type: "string", demandOption: true })
          .option("config", { alias: "c", type: "string" })
          .option("config-lookup", { type: "boolean", default: true }),
      (args) => handlers.printConfig(args),
    )
    .command(
      "lsp",
      "Run the language server (Language Server Protocol on stdin/stdout) for editors",
      (y) => y.option("stdio", { type: "boolean", default: true, describe: "talk over stdin/stdout (the only transport)" }).option("clientProcessId", { type: "number", hidden: true }),
      () => handlers.lsp(),
    )
    .command(
      "init",
      "Write a .pgconf-lint.json in the working directory",
      (y) => y.option("pg-version", { type: "number", choices: [...SUPPORTED_PG_VERSIONS], default: DEFAULT_PG_VERSION }).option("preset", { type: "string", default: "recommended" }),
      (args) => handlers.init(args),
    )
    .version(version)
    .alias("v", "version")
    .help()
    .alias("h", "help")
    .strict()
    .wrap(Math.min(120, columns ?? 100))
    .fail((message, error) => {
      throw error ?? new UsageError(`${message} (see pgconf-lint --help)`);
    })
    .parseAsync();
}
