import { fileNamesOnly, lintCommandOptions, parseCommandLine } from "./arguments";
import type { CommandHandlers, LintArgs } from "./arguments";

const write = () => undefined;

/** The lint command's options as yargs reads `argv` (the other commands must not run). */
async function viaYargs(argv: string[]): Promise<ReturnType<typeof lintCommandOptions>> {
  let captured: LintArgs | undefined;
  const unexpected = () => {
    throw new Error("not the lint command");
  };
  const handlers: CommandHandlers = { lint: (args) => void (captured = args), show: unexpected, rules: unexpected, printConfig: unexpected, lsp: unexpected, init: unexpected };
  await parseCommandLine(argv, handlers, "0.0.0", 100);
  if (!captured) throw new Error("the lint command did not run");
  return lintCommandOptions(captured, write, write);
}

describe("a command line of file names only", () => {
  // The fast path must mean exactly what yargs makes of the same line: same files, same defaults.
  it.each([[[]], [["postgresql.conf"]], [["data/postgresql.conf", "data/pg_hba.conf", "pg_ident.conf"]], [["123"]], [["true"]], [["no"]], [["a b.conf"]], [["x=y.conf"]], [["ünïcode/pg_hba.conf"]], [["."]], [["**/*.conf"]]])("%j gives the options yargs gives", async (argv) => {
    const plain = fileNamesOnly(argv);
    expect(plain).not.toBeNull();
    expect(lintCommandOptions(plain!, write, write)).toEqual(await viaYargs(argv));
  });

  it("has every default of the option table", () => {
    expect(fileNamesOnly(["postgresql.conf"])).toEqual({
      files: ["postgresql.conf"],
      "config-lookup": true,
      rule: [],
      format: "stylish",
      "max-warnings": -1,
      quiet: false,
      stdin: false,
      fix: false,
      "fix-dry-run": false,
      diff: false,
      "only-changed-lines": false,
      "report-unused-disable-directives": false,
    });
  });

  it.each([[["--fix", "postgresql.conf"]], [["postgresql.conf", "-f", "json"]], [["-"]], [["postgresql.conf", "--"]], [["show", "postgresql.conf"]], [["rules"]], [["print-config", "a.conf"]], [["lsp"]], [["init"]], [["--help"]], [["-v"]]])("%j goes to yargs", (argv) => {
    expect(fileNamesOnly(argv)).toBeNull();
  });

  it("a command name after a file name is a file, as yargs has it", async () => {
    expect(fileNamesOnly(["postgresql.conf", "rules"])?.files).toEqual(["postgresql.conf", "rules"]);
    expect((await viaYargs(["postgresql.conf", "rules"])).patterns).toEqual(["postgresql.conf", "rules"]);
  });
});
