// The pgconf-lint command line: reads the arguments (src/cli/arguments.ts) and hands each
// command to its module. A command line of file names only is linted without loading yargs.
import { fileNamesOnly, lintCommandOptions, parseCommandLine } from "./arguments";
import type { CommandHandlers } from "./arguments";
import { runLintCommand, TOOL_VERSION } from "./lint-command";
import { runInit, runPrintConfig, runRules } from "./info-commands";
import { runShow } from "./show";
import { languageServer } from "../on-demand";

const stdout = (text: string | Buffer) => void process.stdout.write(text);
const stderr = (text: string) => void process.stderr.write(text);

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const handlers: CommandHandlers = {
    lint: (args) => {
      exitCode = runLintCommand(lintCommandOptions(args, stdout, stderr));
    },
    show: (args) => {
      exitCode = runShow({ files: args.files, ...(args.kind ? { kind: args.kind } : {}), pgVersion: args["pg-version"], format: args.format, sslEnabled: args.ssl, effective: args.effective, stdout });
    },
    rules: (args) => {
      exitCode = runRules({ format: args.format, stdout });
    },
    printConfig: (args) => {
      exitCode = runPrintConfig({ file: args.file, cwd: process.cwd(), ...(args.config ? { configPath: args.config } : {}), configLookup: args["config-lookup"], stdout });
    },
    lsp: async () => {
      // Loaded only for this command: linting from the command line never pays for it.
      await languageServer().runLanguageServer();
    },
    init: (args) => {
      exitCode = runInit({ cwd: process.cwd(), pgVersion: args["pg-version"], preset: args.preset, stdout });
    },
  };
  const plain = fileNamesOnly(argv);
  if (plain) handlers.lint(plain);
  else await parseCommandLine(argv, handlers, TOOL_VERSION, process.stdout.columns);
  return exitCode;
}

main(process.argv.slice(2)).then(
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
