// Where the real PostgreSQL servers of the oracle live, which of them run here, and as whom.
// `npm run oracle:install` (scripts/install-oracles.mjs) puts them there.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Majors that oracle/package.json installs. */
export const ORACLE_MAJORS = [10, 11, 12, 13, 14, 15, 16, 17, 18] as const;

export const REQUIRE_ORACLES_ENV = "PGCONF_LINT_REQUIRE_ORACLES";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const DEBIAN_FULL_BUILD = { major: 15, binDir: "/usr/lib/postgresql/15/bin" };
// Same order as scripts/install-oracles.mjs: the distribution's user if it exists, else ours.
const SERVER_USER_NAMES = ["postgres", "pgconflint"];

export interface Installation {
  major: number;
  /** Directory holding initdb and postgres. */
  binDir: string;
  /** Short name for template dirs and messages: "pg15" or "debian-15". */
  label: string;
  /** Exact version, e.g. "15.18". */
  exactVersion: string;
}

export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

const exactVersions = new Map<string, string | null>();

/** "15.18" from `postgres --version`, or null when the binary is missing or does not run. */
function probeExactVersion(binDir: string): string | null {
  if (!exactVersions.has(binDir)) {
    const postgres = path.join(binDir, "postgres");
    let version: string | null = null;
    if (fs.existsSync(postgres)) {
      const result = spawnSync(postgres, ["--version"], { encoding: "utf8", env: { PATH: process.env.PATH ?? "", LC_ALL: "C" } });
      version = result.status === 0 ? (/\(PostgreSQL\) (\d+(?:\.\d+)?)/.exec(result.stdout)?.[1] ?? null) : null;
    }
    exactVersions.set(binDir, version);
  }
  return exactVersions.get(binDir) ?? null;
}

function npmBinDir(major: number): string {
  return path.join(REPO_ROOT, "oracle", "node_modules", `pg${major}`, "native", "bin");
}

/** The installation of one major, or null when it is not installed or does not run. */
export function findInstallation(major: number, fullBuild = false): Installation | null {
  if (fullBuild && major !== DEBIAN_FULL_BUILD.major) throw new Error(`the full build (Debian's postgresql-${DEBIAN_FULL_BUILD.major}) exists only for PostgreSQL ${DEBIAN_FULL_BUILD.major}, not ${major}`);
  const binDir = fullBuild ? DEBIAN_FULL_BUILD.binDir : npmBinDir(major);
  const exactVersion = probeExactVersion(binDir);
  if (exactVersion === null || Number.parseInt(exactVersion, 10) !== major) return null;
  return { major, binDir, label: fullBuild ? `debian-${major}` : `pg${major}`, exactVersion };
}

/** Majors 10–18 whose server is installed and runs (`postgres --version` succeeds). */
export function installedVersions(): number[] {
  return ORACLE_MAJORS.filter((major) => findInstallation(major) !== null);
}

/** True when Debian's full postgresql-15 build (LDAP, GSSAPI, PAM) is installed. */
export function fullBuildInstalled(): boolean {
  return findInstallation(DEBIAN_FULL_BUILD.major, true) !== null;
}

/**
 * The requested majors that are installed. With PGCONF_LINT_REQUIRE_ORACLES=1 (CI) a missing one
 * throws, so that a broken installation fails loudly instead of silently testing nothing.
 */
export function requireOracles(versions: readonly number[], options: { fullBuild?: boolean } = {}): number[] {
  const available = versions.filter((major) => findInstallation(major, options.fullBuild ?? false) !== null);
  const missing = versions.filter((major) => !available.includes(major));
  if (missing.length > 0 && process.env[REQUIRE_ORACLES_ENV] === "1") {
    const what = options.fullBuild ? "Debian's full PostgreSQL build" : "PostgreSQL oracle server";
    throw new Error(`${what} missing for ${missing.join(", ")} while ${REQUIRE_ORACLES_ENV}=1: run \`npm run oracle:install${options.fullBuild ? " -- --full-build" : ""}\``);
  }
  return available;
}

/** The unprivileged user that runs the servers when we are root (PostgreSQL refuses root); null when we are not root. */
export function serverUser(): ServerUser | null {
  if (process.getuid?.() !== 0) return null;
  const passwd = fs.readFileSync("/etc/passwd", "utf8").split("\n").map((line) => line.split(":"));
  for (const name of SERVER_USER_NAMES) {
    const entry = passwd.find((fields) => fields[0] === name);
    if (entry) return { name, uid: Number(entry[2]), gid: Number(entry[3]) };
  }
  throw new Error(`running as root and no user ${SERVER_USER_NAMES.join(" or ")} exists to run PostgreSQL: run \`npm run oracle:install\``);
}
