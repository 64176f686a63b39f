import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSync } from "esbuild";
import { FixWriteError, writeFileAtomic, writeIfChanged } from "./write";

const isRoot = process.getuid?.() === 0;
const TEMP_FILE = /^\.[^/]+\.pgconf-lint-\d+-[0-9a-f]{12}\.tmp$/;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-write-"));
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.chmodSync(dir, 0o700);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An error shaped like the ones Node's fs functions throw. */
function systemError(code: keyof typeof os.constants.errno, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected, ${syscall}`), { code, errno: -os.constants.errno[code], syscall });
}

function writeConf(name: string, content: string, mode = 0o644): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  fs.chmodSync(file, mode);
  return file;
}

function expectWriteError(write: () => void, expected: { path: string; message: string }): void {
  let thrown: unknown;
  try {
    write();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(FixWriteError);
  expect({ path: (thrown as FixWriteError).path, message: (thrown as FixWriteError).message }).toEqual(expected);
}

describe("writeFileAtomic", () => {
  test("replaces the content and keeps the mode, owner and group", () => {
    const file = writeConf("postgresql.conf", "port = 5432\n", 0o640);
    // As root the file can belong to someone else, as a cluster's files belong to postgres.
    if (isRoot) fs.chownSync(file, 1234, 5678);
    const before = fs.statSync(file);

    writeFileAtomic(file, Buffer.from("port = 5433\n"));

    const after = fs.statSync(file);
    expect(fs.readFileSync(file, "utf8")).toBe("port = 5433\n");
    expect(after.mode & 0o7777).toBe(0o640);
    expect({ uid: after.uid, gid: after.gid }).toEqual(isRoot ? { uid: 1234, gid: 5678 } : { uid: before.uid, gid: before.gid });
    expect(after.ino).not.toBe(before.ino); // replaced by rename, not rewritten in place
    expect(fs.readdirSync(dir)).toEqual(["postgresql.conf"]);
  });

  test("through a symbolic link: the link stays and its target gets the content", () => {
    fs.mkdirSync(path.join(dir, "real"));
    const target = writeConf("real/pg_hba.conf", "old\n", 0o600);
    const link = path.join(dir, "pg_hba.conf");
    fs.symlinkSync("real/pg_hba.conf", link);

    writeFileAtomic(link, Buffer.from("new\n"));

    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe("real/pg_hba.conf");
    expect(fs.readFileSync(target, "utf8")).toBe("new\n");
    expect(fs.statSync(target).mode & 0o7777).toBe(0o600);
    expect(fs.readdirSync(dir).sort()).toEqual(["pg_hba.conf", "real"]);
    expect(fs.readdirSync(path.join(dir, "real"))).toEqual(["pg_hba.conf"]);
  });

  test("a read-only directory: FixWriteError, the file intact, no temp file", () => {
    const file = writeConf("postgresql.conf", "port = 5432\n");
    fs.chmodSync(dir, 0o555);
    if (isRoot) {
      // Root ignores permission bits, so the directory does not stop it; inject the error a
      // non-root user gets from creating the temp file there.
      const realOpen = fs.openSync;
      jest.spyOn(fs, "openSync").mockImplementation((...args: Parameters<typeof fs.openSync>) => {
        if (TEMP_FILE.test(path.basename(String(args[0])))) throw systemError("EACCES", "open");
        return realOpen(...args);
      });
    }

    expectWriteError(() => writeFileAtomic(file, Buffer.from("port = 1\n")), {
      path: file,
      message: `cannot write "${file}": EACCES: permission denied`,
    });
    expect(fs.readFileSync(file, "utf8")).toBe("port = 5432\n");
    expect(fs.readdirSync(dir)).toEqual(["postgresql.conf"]);
  });

  test.each([
    ["writeSync", "ENOSPC", "no space left on device"],
    ["fsyncSync", "EIO", "i/o error"],
    ["fchmodSync", "EPERM", "operation not permitted"],
    ["renameSync", "EXDEV", "cross-device link not permitted"],
  ] as const)("%s failing with %s: FixWriteError, the file intact, no temp file", (fn, code, description) => {
    const file = writeConf("postgresql.conf", "port = 5432\n");
    const real = fs[fn] as (...args: unknown[]) => unknown;
    let calls = 0;
    jest.spyOn(fs, fn).mockImplementation(((...args: unknown[]) => {
      // The first write lands (part of the data is in the temp file), the next one fails.
      if (fn === "writeSync" && calls++ === 0) return real(args[0], args[1], args[2], 4);
      throw systemError(code, fn);
    }) as never);

    expectWriteError(() => writeFileAtomic(file, Buffer.from("port = 6543\n")), {
      path: file,
      message: `cannot write "${file}": ${code}: ${description}`,
    });
    expect(fs.readFileSync(file, "utf8")).toBe("port = 5432\n");
    expect(fs.readdirSync(dir)).toEqual(["postgresql.conf"]);
  });

  test("short writes are continued until all the data is written", () => {
    const file = writeConf("postgresql.conf", "");
    const realWrite = fs.writeSync as (fd: number, data: Uint8Array, offset: number, length: number) => number;
    jest
      .spyOn(fs, "writeSync")
      .mockImplementation(((fd: number, data: Uint8Array, offset: number, length: number) => realWrite(fd, data, offset, Math.min(length, 7))) as never);
    const content = Buffer.from("shared_buffers = '128MB'\nwork_mem = '4MB'\n");

    writeFileAtomic(file, content);

    expect(fs.readFileSync(file)).toEqual(content);
  });

  test("a directory that cannot be synced does not fail the write (Windows refuses to open one)", () => {
    const file = writeConf("postgresql.conf", "a\n");
    const realOpen = fs.openSync;
    jest.spyOn(fs, "openSync").mockImplementation((...args: Parameters<typeof fs.openSync>) => {
      if (args[0] === dir) throw systemError("EISDIR", "open");
      return realOpen(...args);
    });

    writeFileAtomic(file, Buffer.from("b\n"));

    expect(fs.readFileSync(file, "utf8")).toBe("b\n");
    expect(fs.openSync).toHaveBeenCalledWith(dir, "r");
  });

  test("a file that is gone: FixWriteError", () => {
    const file = path.join(dir, "missing.conf");
    expectWriteError(() => writeFileAtomic(file, Buffer.from("x\n")), {
      path: file,
      message: `cannot write "${file}": ENOENT: no such file or directory`,
    });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test("killed mid-write, the file holds the old content or one complete new content", async () => {
    // A standalone child that rewrites a 50 MB file in a loop with the real writeFileAtomic.
    const SIZE = 50 * 1024 * 1024;
    const child = buildSync({
      stdin: {
        contents: `
          import { writeFileAtomic } from "./write";
          const [target, size] = [process.argv[2], Number(process.argv[3])];
          const contents = [Buffer.alloc(size, "A"), Buffer.alloc(size, "B")];
          process.stdout.write("ready\\n");
          for (let i = 0; ; i++) writeFileAtomic(target, contents[i % 2]);
        `,
        resolveDir: __dirname,
        loader: "ts",
      },
      bundle: true,
      platform: "node",
      format: "cjs",
      write: false,
    });
    const script = path.join(dir, "child.cjs");
    fs.writeFileSync(script, child.outputFiles[0]!.contents);
    const target = writeConf("postgresql.conf", "old\n");
    const complete = [Buffer.from("old\n"), Buffer.alloc(SIZE, "A"), Buffer.alloc(SIZE, "B")];

    for (const delay of [100, 200, 300]) {
      const running = spawn(process.execPath, [script, target, String(SIZE)], { stdio: ["ignore", "pipe", "inherit"] });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => running.on("exit", (_code, signal) => resolve(signal)));
      await new Promise((resolve) => running.stdout.once("data", resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      running.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");

      const content = fs.readFileSync(target);
      const whole = complete.some((candidate) => candidate.equals(content));
      expect(whole ? "old or new" : `torn: ${content.length} bytes`).toBe("old or new");
      // A kill can leave the child's temp file behind, and nothing else.
      const leftovers = fs.readdirSync(dir).filter((name) => name !== "postgresql.conf" && name !== "child.cjs");
      expect(leftovers.filter((name) => !TEMP_FILE.test(name))).toEqual([]);
      for (const name of leftovers) fs.rmSync(path.join(dir, name));
    }
  });
});

describe("writeIfChanged", () => {
  test("equal bytes: nothing is read or written", () => {
    const file = writeConf("postgresql.conf", "someone else's edit\n");
    const original = Buffer.from("port = 5432\n");
    // The file no longer holds `original`, which is not even looked at when nothing changes.
    expect(writeIfChanged(file, original, Buffer.from(original))).toBe(false);
    expect(fs.readFileSync(file, "utf8")).toBe("someone else's edit\n");
  });

  test("new bytes over the unchanged file: written", () => {
    const file = writeConf("postgresql.conf", "port = 5432\n", 0o640);
    expect(writeIfChanged(file, Buffer.from("port = 5432\n"), Buffer.from("port = 5433\n"))).toBe(true);
    expect(fs.readFileSync(file, "utf8")).toBe("port = 5433\n");
    expect(fs.statSync(file).mode & 0o7777).toBe(0o640);
  });

  test("a file changed on disk since it was read: refused and left as the other writer left it", () => {
    const file = writeConf("postgresql.conf", "port = 5432\n");
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, "port = 7777\n");

    expectWriteError(() => writeIfChanged(file, original, Buffer.from("port = 5433\n")), {
      path: file,
      message: `"${file}" changed on disk since it was read; not written`,
    });
    expect(fs.readFileSync(file, "utf8")).toBe("port = 7777\n");
    expect(fs.readdirSync(dir)).toEqual(["postgresql.conf"]);
  });

  test("a file removed since it was read: FixWriteError", () => {
    const file = path.join(dir, "gone.conf");
    expectWriteError(() => writeIfChanged(file, Buffer.from("a\n"), Buffer.from("b\n")), {
      path: file,
      message: `cannot write "${file}": ENOENT: no such file or directory`,
    });
  });
});
