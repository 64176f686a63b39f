import fs = require("node:fs");
import os = require("node:os");
import path = require("node:path");
import v8 = require("node:v8");
import { isLongRun, LONG_RUN_BYTES, LONG_RUN_FILES, tierUpFor } from "./tier-up";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-tier-up-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: number): { path: string } {
  fs.writeFileSync(path.join(dir, name), Buffer.alloc(bytes, 0x23));
  return { path: path.join(dir, name) };
}

describe("a long run", () => {
  it("is one of many files, whatever their size", () => {
    const many = Array.from({ length: LONG_RUN_FILES }, (_, i) => ({ path: path.join(dir, `missing-${i}.conf`) }));
    expect(isLongRun(many.slice(1))).toBe(false);
    expect(isLongRun(many)).toBe(true);
  });

  it("is one of much text, in a few files or on stdin", () => {
    const half = file("half.conf", LONG_RUN_BYTES / 2);
    expect(isLongRun([half])).toBe(false);
    expect(isLongRun([half, file("other-half.conf", LONG_RUN_BYTES / 2)])).toBe(true);
    expect(isLongRun([half], "#".repeat(LONG_RUN_BYTES / 2))).toBe(true);
  });

  it("gets V8's default tier-up budget back, once; a short one keeps the raised budget", () => {
    const setFlags = jest.spyOn(v8, "setFlagsFromString").mockImplementation(() => undefined);
    try {
      tierUpFor([file("small.conf", 100)]);
      expect(setFlags).not.toHaveBeenCalled();
      tierUpFor([file("big.conf", LONG_RUN_BYTES)]);
      tierUpFor([file("big-again.conf", LONG_RUN_BYTES)]);
      expect(setFlags.mock.calls).toEqual([["--interrupt-budget=67584"]]);
    } finally {
      setFlags.mockRestore();
    }
  });
});
