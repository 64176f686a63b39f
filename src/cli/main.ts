// The pgconf-lint command line: parses arguments (yargs) and hands each command to its module.
import * as fs from "node:fs";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { FILE_KINDS } from "../kinds";
import { FORMAT_NAMES } from "../format";
import { DEFAULT_PG_VERSION, SUPPORTED_PG_VERSIONS } from "../views/types";
import { UsageError } from "./errors";
import { runLintCommand, TOOL_VERSION } from "./lint-command";
import { runInit, runPrintConfig, runRules } from "./info-commands";
import { runShow } from "./show";

/** Colours: --color/--no-color, else NO_COLOR / FORCE_COLOR, else whether stdout is a TTY. */
function wantColor(flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== "0") return true;
  return process.stdout.isTTY === true;
}

const stdout = (text: string | Buffer) => void process.stdout.write(text);
const stderr = (text: string) => void process.stderr.write(text);

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  await yargs(argv)
    .scriptName("pgconf-lint")
    .usage("$0 [files, directories or globs...] [options]\n\nLints postgresql.conf (with its includes and postgresql.auto.conf), pg_hba.conf and pg_ident.conf as PostgreSQL reads them.")
    .command(
      "$0 [files..]",
      "Lint configuration files (default: every postgresql*.conf, pg_hba*.conf and pg_ident*.conf under the working directory)",
      (y) =>
        y
          .positional("files", { type: "string", array: true, describe: "files, directories or globs" })
          .option("kind", { choices: FILE_KINDS, describe: "file kind, when the names do not say" })
          .option("pg-version", { type: "number", describe: `target PostgreSQL major version (${SUPPORTED_PG_VERSIONS[0]}-${SUPPORTED_PG_VERSIONS[SUPPORTED_PG_VERSIONS.length - 1]}; default: the config's, else ${DEFAULT_PG_VERSION})` })
          .option("config", { alias: "c", type: "string", describe: "use this configuration file instead of looking one up" })
          .option("config-lookup", { type: "boolean", default: true, describe: "look up .pgconf-lint.json / package.json above each file (--no-config-lookup: don't)" })
          .option("rule", { type: "string", array: true, nargs: 1, default: [] as string[], describe: "set a rule: 'id: error' or JSON '{\"id\": [\"warn\", {...}]}'" })
          .option("include-root", { type: "string", array: true, nargs: 1, describe: "a directory that include directives may read besides the linted tree (repeatable)" })
          .option("preset", { type: "string", array: true, nargs: 1, describe: "presets instead of the config's extends: recommended, cis, all" })
          .option("format", { alias: "f", type: "string", default: "stylish", describe: `output format: ${FORMAT_NAMES.join(", ")}, diff` })
          .option("output-file", { alias: "o", type: "string", describe: "write the report to a file" })
          .option("max-warnings", { type: "number", default: -1, describe: "exit 1 when there are more warnings than this" })
          .option("quiet", { type: "boolean", default: false, describe: "report errors only" })
          .option("color", { type: "boolean", describe: "force or disable colours (default: on a TTY, unless NO_COLOR)" })
          .option("stdin", { type: "boolean", default: false, describe: "lint the text on standard input" })
          .option("stdin-filename", { type: "string", describe: "the file name for --stdin (its kind, its config, its includes)" })
          .option("fix", { type: "boolean", default: false, describe: "fix what can be fixed, in place (atomic writes)" })
          .option("fix-dry-run", { type: "boolean", default: false, describe: "fix in memory; --format json shows each file's fixed `output`" })
          .option("diff", { type: "boolean", default: false, describe: "print the fixes as a unified diff (git apply / patch -p1)" })
          .option("fix-rule", { type: "string", array: true, nargs: 1, describe: "apply only this rule's fixes (repeatable)" })
          .option("fix-type", { type: "string", array: true, nargs: 1, describe: "apply only fixes of rules of this category: security, tls, authentication, logging, durability, correctness, syntax" })
          .option("changed-since", { type: "string", describe: "lint only the files changed since this git revision" })
          .option("only-changed-lines", { type: "boolean", default: false, describe: "with --changed-since: report only findings on changed lines (review bots)" })
          .option("report-unused-disable-directives", { type: "boolean", default: false, describe: "report pgconf-lint-disable directives that silence nothing" })
          .example("$0", "lint every configuration file under the working directory")
          .example("$0 --pg-version 15 data/postgresql.conf data/pg_hba.conf", "lint a cluster for PostgreSQL 15")
          .example("$0 --fix postgresql.conf", "fix what can be fixed, in place")
          .example("$0 --diff . | git apply", "review the fixes as a patch, then apply it")
          .example("$0 --format sarif -o pgconf-lint.sarif", "a report for GitHub code scanning")
          .example("cat postgresql.conf | $0 --stdin --stdin-filename postgresql.conf", "lint an editor's buffer"),
      (args) => {
        if (args["only-changed-lines"] && args["changed-since"] === undefined) throw new UsageError("--only-changed-lines needs --changed-since REF");
        if (args.fix && args.diff) throw new UsageError("--fix writes the files and --diff prints the changes: choose one");
        if (args.stdin && (args.files?.length ?? 0) > 0) throw new UsageError("--stdin takes no file arguments; name the file with --stdin-filename");
        exitCode = runLintCommand({
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
        });
      },
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
      (args) => {
        exitCode = runShow({ files: args.files as string[], ...(args.kind ? { kind: args.kind } : {}), pgVersion: args["pg-version"], format: args.format, sslEnabled: args.ssl, effective: args.effective, stdout });
      },
    )
    .command(
      "rules",
      "List the rules: id, description, presets, fixability",
      (y) => y.option("format", { choices: ["table", "json", "markdown"] as const, default: "table" as const }),
      (args) => {
        exitCode = runRules({ format: args.format, stdout });
      },
    )
    .command(
      "print-config <file>",
      "Print the configuration that applies to a file (after lookup, overrides and presets)",
      (y) =>
        y
          .positional("file", { type: "string", demandOption: true })
          .option("config", { alias: "c", type: "string" })
          .option("config-lookup", { type: "boolean", default: true }),
      (args) => {
        exitCode = runPrintConfig({ file: args.file, cwd: process.cwd(), ...(args.config ? { configPath: args.config } : {}), configLookup: args["config-lookup"], stdout });
      },
    )
    .command(
      "lsp",
      "Run the language server (Language Server Protocol on stdin/stdout) for editors",
      (y) => y.option("stdio", { type: "boolean", default: true, describe: "talk over stdin/stdout (the only transport)" }).option("clientProcessId", { type: "number", hidden: true }),
      async () => {
        // Loaded only for this command: linting from the command line never pays for it.
        const { runLanguageServer } = await import("../lsp/server");
        await runLanguageServer();
      },
    )
    .command(
      "init",
      "Write a .pgconf-lint.json in the working directory",
      (y) => y.option("pg-version", { type: "number", choices: [...SUPPORTED_PG_VERSIONS], default: DEFAULT_PG_VERSION }).option("preset", { type: "string", default: "recommended" }),
      (args) => {
        exitCode = runInit({ cwd: process.cwd(), pgVersion: args["pg-version"], preset: args.preset, stdout });
      },
    )
    .version(TOOL_VERSION)
    .alias("v", "version")
    .help()
    .alias("h", "help")
    .strict()
    .wrap(Math.min(120, process.stdout.columns ?? 100))
    .fail((message, error) => {
      throw error ?? new UsageError(`${message} (see pgconf-lint --help)`);
    })
    .parseAsync();
  return exitCode;
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Exit status 2: the tool could not do its job. One clear line, never a stack trace,
    // unless PGCONF_LINT_DEBUG asks for one.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`pgconf-lint: ${message}\n`);
    if (process.env.PGCONF_LINT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
  },
);
