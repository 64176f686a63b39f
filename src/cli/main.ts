// The pgconf-lint command line: parses arguments (yargs) and hands each command to its module.
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { SUPPORTED_PG_VERSIONS, DEFAULT_PG_VERSION } from "../views/types";
import { FILE_KINDS } from "../kinds";
import { runShow } from "./show";
import { UsageError } from "./errors";

const VERSION = "0.1.0";

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  await yargs(argv)
    .scriptName("pgconf-lint")
    .usage("$0 [command] [options]")
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
          .example("$0 show postgresql.conf", "settings as pg_file_settings shows them, includes followed")
          .example("$0 show --pg-version 15 --format json pg_hba.conf", "hba rules as PostgreSQL 15's pg_hba_file_rules, as JSON"),
      (args) => {
        exitCode = runShow({
          files: args.files as string[],
          kind: args.kind,
          pgVersion: args["pg-version"],
          format: args.format,
          sslEnabled: args.ssl,
          stdout: (s) => process.stdout.write(s),
        });
      },
    )
    .version(VERSION)
    .alias("v", "version")
    .help()
    .alias("h", "help")
    .strict()
    .demandCommand(1, "Name a command; see --help.")
    .fail((message, error) => {
      throw error ?? new UsageError(message);
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
