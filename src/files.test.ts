import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { diskReader, memoryReader, NOT_REGULAR, readErrorText, strerror } from "./files";

describe("diskReader", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-files-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test("reads files; a missing path, a directory and a FIFO are errors (the FIFO is not opened)", () => {
    fs.writeFileSync(path.join(root, "a.conf"), "x = 1\n");
    fs.mkdirSync(path.join(root, "d"));
    execFileSync("mkfifo", [path.join(root, "fifo.conf")]);
    expect(Buffer.from(diskReader.readFile(path.join(root, "a.conf")) as Uint8Array).toString()).toBe("x = 1\n");
    expect(diskReader.readFile(path.join(root, "nope"))).toEqual({ error: "ENOENT" });
    expect(diskReader.readFile(path.join(root, "d"))).toEqual({ error: "EISDIR" });
    expect(diskReader.readFile(path.join(root, "fifo.conf"))).toEqual({ error: NOT_REGULAR });
    expect(diskReader.readFile("/dev/null")).toEqual({ error: NOT_REGULAR });
  });

  test("directory entries: symbolic links typed by their target (get_dirent_type), a dangling one unstatable", () => {
    fs.writeFileSync(path.join(root, "file.conf"), "");
    fs.mkdirSync(path.join(root, "dir.conf"));
    fs.symlinkSync("file.conf", path.join(root, "to-file.conf"));
    fs.symlinkSync("dir.conf", path.join(root, "to-dir.conf"));
    fs.symlinkSync("gone.conf", path.join(root, "dangling.conf"));
    execFileSync("mkfifo", [path.join(root, "fifo.conf")]);
    const entries = diskReader.readDir(root);
    expect(Array.isArray(entries) && [...entries].sort((a, b) => (a.name < b.name ? -1 : 1))).toEqual([
      { name: "dangling.conf", kind: "unstatable" },
      { name: "dir.conf", kind: "directory" },
      { name: "fifo.conf", kind: "file" },
      { name: "file.conf", kind: "file" },
      { name: "to-dir.conf", kind: "directory" },
      { name: "to-file.conf", kind: "file" },
    ]);
    expect(diskReader.readDir(path.join(root, "nope"))).toEqual({ error: "ENOENT" });
    expect(diskReader.readDir(path.join(root, "file.conf"))).toEqual({ error: "ENOTDIR" });
  });
});

describe("memoryReader", () => {
  const reader = memoryReader({ "/d/a.conf": "x = 1\n", "/d/sub/b.conf": new Uint8Array([0x41]), "/d/empty/": "" });

  test("files, directories (implied or empty) and errors as the disk gives them", () => {
    expect(Buffer.from(reader.readFile("/d/./a.conf") as Uint8Array).toString()).toBe("x = 1\n");
    expect(reader.readFile("/d/sub")).toEqual({ error: "EISDIR" });
    expect(reader.readFile("/d/none")).toEqual({ error: "ENOENT" });
    expect(reader.readDir("/d")).toEqual([
      { name: "a.conf", kind: "file" },
      { name: "sub", kind: "directory" },
      { name: "empty", kind: "directory" },
    ]);
    expect(reader.readDir("/d/empty/")).toEqual([]);
    expect(reader.readDir("/d/a.conf")).toEqual({ error: "ENOTDIR" });
    expect(reader.readDir("/e")).toEqual({ error: "ENOENT" });
  });
});

test("error texts: the server's strerror and the linter's own words; an unknown code as it is", () => {
  expect([strerror("ENOENT"), strerror(NOT_REGULAR), strerror("EWHAT")]).toEqual(["No such file or directory", "not a regular file (a FIFO, socket or device is not read)", "EWHAT"]);
  expect([readErrorText("ENOENT"), readErrorText("EWHAT")]).toEqual(["no such file", "EWHAT"]);
});
