// Writing fixed files so that a crash, a full disk or a kill never leaves a truncated config:
// the new bytes go to a temporary file beside the target, which is flushed to disk and then
// renamed over it, an atomic replacement on POSIX file systems.
import fs = require("node:fs");
import path = require("node:path");
import util = require("node:util");
import { crypto } from "../on-demand";

/** A file that could not be written; the message is one line, fit to show as is. */
export class FixWriteError extends Error {
  override name = "FixWriteError";

  constructor(
    readonly path: string,
    message: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

/** "EACCES: permission denied" for a system error, without the syscall and path Node appends.
 *  Duck-typed: errors from Node's core fail `instanceof Error` in other realms (jest's). */
function describeError(error: unknown): string {
  const { code, errno, message } = (error ?? {}) as Partial<NodeJS.ErrnoException>;
  const known = typeof errno === "number" ? util.getSystemErrorMap().get(errno) : undefined;
  if (code !== undefined && known !== undefined) return `${code}: ${known[1]}`;
  return typeof message === "string" ? message : String(error);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function writeAll(fd: number, data: Uint8Array): void {
  // writeSync may write less than asked (a signal, a pipe, some network file systems).
  for (let offset = 0; offset < data.byteLength; ) {
    offset += fs.writeSync(fd, data, offset, data.byteLength - offset);
  }
}

/** Flushes the directory entry of the rename. Some platforms and file systems refuse to open or
 *  sync a directory (Windows, some network mounts); the rename is done by then, so that is no
 *  reason to fail. */
function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Best effort, see above.
  }
}

/** Cleans up after a failed write without masking its error by a second one. */
function discardTempFile(fd: number | undefined, tempPath: string | undefined): void {
  try {
    if (fd !== undefined) fs.closeSync(fd);
  } catch {
    // The write failed already; that is the error to report.
  }
  try {
    if (tempPath !== undefined) fs.rmSync(tempPath, { force: true });
  } catch {
    // As above; a leftover temp file is named after pgconf-lint and is harmless.
  }
}

/**
 * Replaces the contents of an existing file atomically: readers see the old bytes or the new ones,
 * never a mix, whatever happens mid-write. A symbolic link is followed and its final target
 * replaced, so the link stays a link. The new file gets the old one's permission bits, and its
 * owner and group where the process may set them (root, or a group the user belongs to); other
 * metadata (ACLs, extended attributes, SELinux labels) is not carried over, and a file with
 * several hard links is detached from the others, as by any editor that saves by renaming.
 * Throws FixWriteError, after removing the temporary file, when anything fails.
 */
export function writeFileAtomic(absPath: string, data: Uint8Array): void {
  let tempPath: string | undefined;
  let fd: number | undefined;
  try {
    const target = fs.realpathSync(absPath);
    const original = fs.statSync(target);
    const dir = path.dirname(target);
    tempPath = path.join(dir, `.${path.basename(target)}.pgconf-lint-${process.pid}-${crypto().randomBytes(6).toString("hex")}.tmp`);
    // Owner-only until the original's mode is set: the file may hold secrets.
    fd = fs.openSync(tempPath, "wx", 0o600);
    const created = fs.fstatSync(fd);
    if (created.uid !== original.uid || created.gid !== original.gid) {
      try {
        fs.fchownSync(fd, original.uid, original.gid);
      } catch (error) {
        // Not root and not a member of the group: the file ends up owned by this user.
        if (errorCode(error) !== "EPERM") throw error;
      }
    }
    // After the chown, which clears set-id bits.
    fs.fchmodSync(fd, original.mode & 0o7777);
    writeAll(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tempPath, target);
    tempPath = undefined;
    syncDirectory(dir);
  } catch (error) {
    discardTempFile(fd, tempPath);
    throw new FixWriteError(absPath, `cannot write "${absPath}": ${describeError(error)}`, { cause: error });
  }
}

/**
 * Writes `newBytes` over the file read as `originalBytes`, unless they are equal (then returns
 * false and touches nothing). Refuses, with FixWriteError, when the file no longer holds
 * `originalBytes`: someone changed it since it was read, and writing would lose their change.
 * (The check narrows that window to the time of one write; it cannot close it.)
 */
export function writeIfChanged(absPath: string, originalBytes: Uint8Array, newBytes: Uint8Array): boolean {
  if (Buffer.compare(originalBytes, newBytes) === 0) return false;
  let current: Buffer;
  try {
    current = fs.readFileSync(absPath);
  } catch (error) {
    throw new FixWriteError(absPath, `cannot write "${absPath}": ${describeError(error)}`, { cause: error });
  }
  if (Buffer.compare(current, originalBytes) !== 0) {
    throw new FixWriteError(absPath, `"${absPath}" changed on disk since it was read; not written`);
  }
  // The rename would replace a file its owner made read-only: respect the mode, as an in-place
  // write would (root may write anything; chattr +i still stops the rename).
  try {
    fs.accessSync(absPath, fs.constants.W_OK);
  } catch (error) {
    throw new FixWriteError(absPath, `cannot write "${absPath}": ${describeError(error)} (the file is read-only)`, { cause: error });
  }
  writeFileAtomic(absPath, newBytes);
  return true;
}
