// The base protocol's framing, checked before vscode-jsonrpc reads it: a header block without a
// usable Content-Length is dropped (and reported) here. vscode-jsonrpc's reader stops reading a
// chunk at such a header, and waits for the next chunk to read on: a request that came in the
// same chunk would wait for an answer that never comes. Each message goes on with a plain
// `Content-Length` header and its body untouched (a body that is not JSON is vscode-jsonrpc's
// to report, and it reads on after that).
import { Transform } from "node:stream";
import type { TransformCallback } from "node:stream";

/** Header blocks longer than this are not headers: dropped. */
const MAX_HEADER_BYTES = 64 * 1024;
const HEADER_END = Buffer.from("\r\n\r\n", "ascii");

export class FramingFilter extends Transform {
  private chunks: Buffer[] = [];
  private length = 0;
  /** The header of the message whose body is awaited, or null while reading a header. */
  private header: Buffer | null = null;
  private bodyLength = 0;

  constructor(private readonly report: (problem: string) => void) {
    super();
  }

  /** The first `count` bytes, removed. */
  private takeBytes(count: number): Buffer {
    const joined = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.length);
    const taken = joined.subarray(0, count);
    const rest = joined.subarray(count);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return taken;
  }

  private peekBytes(count: number): Buffer {
    if (this.chunks.length > 1 && this.chunks[0]!.length < count) this.chunks = [Buffer.concat(this.chunks, this.length)];
    return this.chunks[0]?.subarray(0, count) ?? Buffer.alloc(0);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.length += chunk.length;
    }
    for (;;) {
      if (this.header === null) {
        const start = this.peekBytes(Math.min(this.length, MAX_HEADER_BYTES + HEADER_END.length));
        const end = start.indexOf(HEADER_END);
        if (end < 0) {
          if (start.length > MAX_HEADER_BYTES) {
            this.report(`pgconf-lint lsp: dropped ${MAX_HEADER_BYTES} bytes that are not a message header`);
            this.takeBytes(MAX_HEADER_BYTES);
            continue;
          }
          break;
        }
        const block = this.takeBytes(end + HEADER_END.length).subarray(0, end).toString("latin1");
        // A Content-Length anywhere in the block (after garbage too): the message starts there.
        const match = /content-length[ \t]*:[ \t]*(\d+)[ \t]*(?:\r\n|$)/i.exec(block);
        if (!match) {
          this.report(`pgconf-lint lsp: dropped a message header without a Content-Length: ${JSON.stringify(block.slice(0, 200))}`);
          continue;
        }
        if (match.index > 0 && !block.slice(0, match.index).endsWith("\r\n")) this.report(`pgconf-lint lsp: dropped ${match.index} bytes before a message header`);
        this.bodyLength = Number(match[1]);
        // The other headers (Content-Type) say nothing vscode-jsonrpc does not assume.
        this.header = Buffer.from(`Content-Length: ${this.bodyLength}\r\n\r\n`, "ascii");
      }
      if (this.length < this.bodyLength) break;
      const body = this.takeBytes(this.bodyLength);
      this.push(Buffer.concat([this.header, body]));
      this.header = null;
    }
    callback();
  }
}
