// A real PostgreSQL server as the conformance oracle: the tests write configuration files into a
// directory they control and read back what the server's own views (pg_file_settings,
// pg_hba_file_rules, pg_ident_file_mappings) and `postgres -C` make of them.
//
// The server loads a trivial config, a `local all all trust` hba and an empty ident map at
// start and is never reloaded: the views re-read the files on every query, while our
// connection keeps being authenticated by the hba loaded at start, whatever the tests write.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import type { Socket } from "node:net";
import path from "node:path";
import { Client } from "pg";
import type { QueryResultRow } from "pg";
import { fileSettingsColumns, hbaRuleColumns, identMappingColumns } from "../../src/views/types";
import type { FileSettingsRow, HbaFileRuleRow, IdentFileMappingRow } from "../../src/views/types";
import { findInstallation, serverUser } from "./installations";
import type { Installation, ServerUser } from "./installations";
import { asServerUser, createRunDir, guardPostmaster, killProcessGroup, removeRunDir, runAsServerUser, serverEnv, SUPERUSER, templateDataDir } from "./workspace";

export { fullBuildInstalled, installedVersions, ORACLE_MAJORS, requireOracles, REQUIRE_ORACLES_ENV } from "./installations";

export interface StartOptions {
  /** Debian's postgresql-15 (built with LDAP, GSSAPI, PAM) instead of the npm build; major 15 only. */
  fullBuild?: boolean;
  /** Extra `-c name=value` settings for the postmaster (e.g. shared_preload_libraries). */
  settings?: Record<string, string>;
}

export interface StartupCheckResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export type ConfFiles = Record<string, string | Buffer>;

type MainFileKind = "config_file" | "hba_file" | "ident_file";

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const POLL_MS = 50;
const PORT = 5432; // only names the socket file: each server has its own socket dir
const STDERR_KEPT = 32 * 1024;
/** What the server reads at start; the tests' files replace these right after. */
const STARTUP_CONTENT: Record<MainFileKind, string> = {
  config_file: "",
  hba_file: "local all all trust\n",
  ident_file: "",
};
const TEXT_ARRAY_COLUMNS = new Set(["database", "user_name", "options"]);

/** The client's socket; pg does not expose it in its types. */
function clientSocket(client: Client): Socket | undefined {
  return (client as unknown as { connection?: { stream?: Socket } }).connection?.stream;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class OracleServer {
  /** Major version, e.g. 15. */
  readonly version: number;
  /** Exact version, e.g. "15.18". */
  readonly serverVersion: string;
  /** Absolute path of the directory holding the files under test. */
  readonly confDir: string;
  readonly dataDir: string;

  private readonly socketDir: string;
  private readonly mainFiles: Record<MainFileKind, string> = { config_file: "postgresql.conf", hba_file: "pg_hba.conf", ident_file: "pg_ident.conf" };
  private autoConf = "";
  private postmaster: ChildProcess | null = null;
  private postmasterExit: Promise<void> = Promise.resolve();
  private disarmGuardian: () => void = () => undefined;
  private stderr = "";
  private client: Client | null = null;

  private constructor(
    private readonly installation: Installation,
    private readonly user: ServerUser | null,
    private readonly runDir: string,
    private readonly startupSettings: Record<string, string>,
  ) {
    this.version = installation.major;
    this.serverVersion = installation.exactVersion;
    this.confDir = path.join(runDir, "conf");
    this.dataDir = path.join(runDir, "data");
    this.socketDir = path.join(runDir, "socket");
  }

  /** Starts a server of this major version (initdb is done once per exact version and cached). */
  static async start(version: number, options: StartOptions = {}): Promise<OracleServer> {
    const installation = findInstallation(version, options.fullBuild ?? false);
    if (!installation) {
      const what = options.fullBuild ? "Debian's postgresql-15 (/usr/lib/postgresql/15/bin)" : `PostgreSQL ${version} (oracle/node_modules/pg${version})`;
      throw new Error(`${what} is not installed or does not run: run \`npm run oracle:install${options.fullBuild ? " -- --full-build" : ""}\``);
    }
    const user = serverUser();
    const runDir = await createRunDir(await templateDataDir(installation, user));
    const server = new OracleServer(installation, user, runDir, options.settings ?? {});
    try {
      fs.mkdirSync(server.confDir, { mode: 0o755 });
      fs.mkdirSync(server.socketDir, { mode: 0o700 });
      if (user) fs.chownSync(server.socketDir, user.uid, user.gid);
      server.writeAutoConf("");
      await server.launch();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /**
   * Writes `files` (paths relative to confDir; subdirectories and binary content allowed),
   * replacing everything written before, and returns pg_file_settings for `mainFile` as the
   * server gives it. A mainFile other than the current one restarts the server on it.
   */
  async fileSettings(files: ConfFiles, mainFile = "postgresql.conf"): Promise<FileSettingsRow[]> {
    await this.useMainFile("config_file", mainFile);
    this.writeConfFiles(files);
    const columns = fileSettingsColumns().join(", ");
    return this.query<FileSettingsRow>(`SELECT ${columns} FROM pg_file_settings ORDER BY seqno`);
  }

  /** Like fileSettings, for pg_hba_file_rules (text[] columns as exact string arrays). */
  async hbaFileRules(files: ConfFiles, mainFile = "pg_hba.conf"): Promise<HbaFileRuleRow[]> {
    await this.useMainFile("hba_file", mainFile);
    this.writeConfFiles(files);
    // The pg package's text[] parser is not exact for every quoting; JSON is.
    const columns = hbaRuleColumns(this.version).map((column) => (TEXT_ARRAY_COLUMNS.has(column) ? `to_json(${column}) AS ${column}` : column));
    // No ORDER BY: the view returns the rules in the order the server reads them.
    return this.query<HbaFileRuleRow>(`SELECT ${columns.join(", ")} FROM pg_hba_file_rules`);
  }

  /** Like fileSettings, for pg_ident_file_mappings (PostgreSQL 15 and later). */
  async identFileMappings(files: ConfFiles, mainFile = "pg_ident.conf"): Promise<IdentFileMappingRow[]> {
    if (this.version < 15) throw new Error(`pg_ident_file_mappings exists on PostgreSQL 15 and later, not on this server (${this.serverVersion})`);
    await this.useMainFile("ident_file", mainFile);
    this.writeConfFiles(files);
    return this.query<IdentFileMappingRow>(`SELECT ${identMappingColumns(this.version).join(", ")} FROM pg_ident_file_mappings`);
  }

  /**
   * Writes `files` (replacing everything written before) and runs the start-up reader on
   * mainFile: `postgres -C param -D datadir -c config_file=confDir/mainFile`. Unlike the view,
   * it reports every syntax error, and its exit status says whether a server would start.
   */
  async startupCheck(files: ConfFiles, mainFile = "postgresql.conf", param = "config_file"): Promise<StartupCheckResult> {
    this.writeConfFiles(files);
    const args = ["-C", param, "-D", this.dataDir, "-c", `config_file=${path.join(this.confDir, mainFile)}`];
    return runAsServerUser(this.binary("postgres"), args, this.user);
  }

  /** Sets postgresql.auto.conf in the data dir, which the view reads after the main config file. */
  setAutoConf(text: string): void {
    this.autoConf = text;
    this.writeAutoConf(text);
  }

  async query<Row extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]): Promise<Row[]> {
    if (!this.client) throw new Error(`PostgreSQL ${this.serverVersion} oracle is not running`);
    const socket = clientSocket(this.client);
    socket?.ref();
    try {
      const result = await this.client.query<Row>(sql, params);
      return result.rows;
    } finally {
      socket?.unref();
    }
  }

  /** Stops the server (fast shutdown, then SIGKILL if it hangs) and removes its files. */
  async stop(): Promise<void> {
    await this.shutdown();
    removeRunDir(this.runDir);
  }

  private binary(name: "postgres" | "initdb"): string {
    return path.join(this.installation.binDir, name);
  }

  private async useMainFile(kind: MainFileKind, mainFile: string): Promise<void> {
    if (this.mainFiles[kind] === mainFile) return;
    // These paths are fixed when the server starts (PGC_POSTMASTER).
    await this.shutdown();
    this.mainFiles[kind] = mainFile;
    await this.launch();
  }

  private async launch(): Promise<void> {
    this.clearConfDir();
    for (const kind of Object.keys(this.mainFiles) as MainFileKind[]) this.writeConfFile(this.mainFiles[kind], STARTUP_CONTENT[kind]);
    this.writeAutoConf(""); // the server's own start must not depend on what a test put there
    const args = ["-D", this.dataDir, "-c", "listen_addresses=", "-c", `unix_socket_directories=${this.socketDir}`, "-c", `port=${PORT}`];
    for (const kind of Object.keys(this.mainFiles) as MainFileKind[]) args.push("-c", `${kind}=${this.confPath(this.mainFiles[kind])}`);
    for (const [name, value] of Object.entries(this.startupSettings)) args.push("-c", `${name}=${value}`);
    this.stderr = "";
    const child = spawn(this.binary("postgres"), args, { env: serverEnv(), ...asServerUser(this.user), detached: true, stdio: ["ignore", "ignore", "pipe"] });
    this.postmaster = child;
    this.postmasterExit = new Promise((resolve) => child.on("exit", () => resolve()));
    child.on("error", (error) => (this.stderr += `${error.message}\n`));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-STDERR_KEPT)));
    if (child.pid !== undefined) this.disarmGuardian = guardPostmaster(child.pid);
    // A test that forgets stop() must not keep jest waiting: the guardian stops the server
    // when this process exits, so only a running query keeps the event loop alive.
    child.unref();
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    this.client = await this.connect(child);
    clientSocket(this.client)?.unref();
    this.writeAutoConf(this.autoConf);
  }

  private async connect(child: ChildProcess): Promise<Client> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`PostgreSQL ${this.serverVersion} oracle did not start:\n${this.stderr.trim()}`);
      const client = new Client({ host: this.socketDir, port: PORT, user: SUPERUSER, database: "postgres" });
      client.on("error", () => undefined); // a server that goes away shows up as a failed query
      try {
        await client.connect();
        return client;
      } catch (error) {
        await client.end().catch(() => undefined);
        if (Date.now() > deadline) throw new Error(`PostgreSQL ${this.serverVersion} oracle did not accept connections within ${START_TIMEOUT_MS} ms: ${(error as Error).message}\n${this.stderr.trim()}`, { cause: error });
      }
      await sleep(POLL_MS);
    }
  }

  private async shutdown(): Promise<void> {
    const client = this.client;
    this.client = null;
    // The socket was unref'd at connect: ref it again, or a script with nothing else to do
    // would exit before the connection is closed.
    if (client) clientSocket(client)?.ref();
    await client?.end().catch(() => undefined);
    const child = this.postmaster;
    this.postmaster = null;
    if (!child || child.pid === undefined) return;
    if (child.exitCode === null && child.signalCode === null) {
      killProcessGroup(child.pid, "SIGINT");
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), STOP_TIMEOUT_MS)));
      const stopped = await Promise.race([this.postmasterExit.then(() => true), timeout]);
      clearTimeout(timer);
      if (!stopped) {
        killProcessGroup(child.pid, "SIGKILL");
        await this.postmasterExit;
      }
    }
    this.disarmGuardian();
  }

  private confPath(relative: string): string {
    const resolved = path.resolve(this.confDir, relative);
    if (path.relative(this.confDir, resolved).startsWith("..") || resolved === this.confDir) throw new Error(`conf file path must stay inside the conf dir: ${relative}`);
    return resolved;
  }

  private clearConfDir(): void {
    for (const entry of fs.readdirSync(this.confDir)) fs.rmSync(path.join(this.confDir, entry), { recursive: true, force: true });
  }

  private writeConfFiles(files: ConfFiles): void {
    this.clearConfDir();
    for (const [relative, content] of Object.entries(files)) this.writeConfFile(relative, content);
  }

  /** Writes a file the server user can read, whatever our umask. */
  private writeConfFile(relative: string, content: string | Buffer): void {
    const file = this.confPath(relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (let dir = path.dirname(file); dir !== this.confDir; dir = path.dirname(dir)) fs.chmodSync(dir, 0o755);
    fs.writeFileSync(file, content);
    fs.chmodSync(file, 0o644);
  }

  private writeAutoConf(text: string): void {
    const file = path.join(this.dataDir, "postgresql.auto.conf");
    fs.writeFileSync(file, text);
    fs.chmodSync(file, 0o644);
  }
}
