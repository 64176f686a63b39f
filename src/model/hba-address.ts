// IP addresses as pg_hba.conf reads and pg_hba_file_rules prints them.
//
// hba.c hands the address to getaddrinfo(AI_NUMERICHOST); what glibc accepts there is wider
// than dotted quads: inet_aton forms ("10", "10.1", "0x0a.0.0.1", "012.0.0.1" octal) and
// IPv6 with a zone ("fe80::1%eth0"). Anything else is a host name (EAI_NONAME), never an
// error. The view prints addresses back through getnameinfo(NI_NUMERICHOST), that is
// inet_ntop, with the zone cut off (clean_ipv6_addr).

export type IpFamily = 4 | 6;

export interface IpAddress {
  family: IpFamily;
  /** 4 or 16 bytes, network order. */
  bytes: number[];
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}
function isHexDigit(c: string): boolean {
  return isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F");
}

/** glibc's inet_aton, whole string: 1 to 4 parts, each decimal, octal (0...) or hex (0x...). */
export function parseInetAton(text: string): IpAddress | null {
  const parts: number[] = [];
  let i = 0;
  for (;;) {
    if (i >= text.length || !isDigit(text[i]!)) return null;
    let base = 10;
    let value = 0;
    let sawDigit = false;
    if (text[i] === "0") {
      i++;
      if (text[i] === "x" || text[i] === "X") {
        base = 16;
        i++;
      } else {
        base = 8;
        sawDigit = true;
      }
    }
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (isDigit(c)) {
        if (base === 8 && (c === "8" || c === "9")) return null;
        value = value * base + (c.charCodeAt(0) - 48);
      } else if (base === 16 && isHexDigit(c)) {
        value = value * 16 + parseInt(c, 16);
      } else break;
      sawDigit = true;
      if (value > 0xffffffff) return null;
    }
    if (!sawDigit) return null;
    if (text[i] === ".") {
      if (parts.length >= 3 || value > 0xff) return null;
      parts.push(value);
      i++;
      continue;
    }
    if (i !== text.length) return null;
    parts.push(value);
    break;
  }
  // The last part fills the remaining bytes.
  const last = parts.pop()!;
  const maxLast = [0xffffffff, 0xffffff, 0xffff, 0xff][parts.length]!;
  if (last > maxLast) return null;
  const bytes = [...parts];
  const remaining = 4 - parts.length;
  for (let k = remaining - 1; k >= 0; k--) bytes.push(Math.floor(last / 2 ** (8 * k)) % 256);
  return { family: 4, bytes };
}

/** glibc's inet_pton(AF_INET): exactly four decimal parts, no leading zeros. */
function parseDottedQuadStrict(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes.push(value);
  }
  return bytes;
}

/** glibc's inet_pton(AF_INET6). */
export function parseInet6(text: string): number[] | null {
  if (text.length === 0) return null;
  const doubleColon = text.indexOf("::");
  if (doubleColon !== -1 && text.indexOf("::", doubleColon + 1) !== -1) return null;
  const parseGroups = (part: string, allowV4Tail: boolean): number[] | null => {
    if (part === "") return [];
    const groups = part.split(":");
    const bytes: number[] = [];
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      if (allowV4Tail && g === groups.length - 1 && group.includes(".")) {
        const quad = parseDottedQuadStrict(group);
        if (!quad) return null;
        bytes.push(...quad);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
      const value = parseInt(group, 16);
      bytes.push(value >> 8, value & 0xff);
    }
    return bytes;
  };
  if (doubleColon === -1) {
    const bytes = parseGroups(text, true);
    return bytes && bytes.length === 16 ? bytes : null;
  }
  const head = parseGroups(text.slice(0, doubleColon), false);
  const tail = parseGroups(text.slice(doubleColon + 2), true);
  if (!head || !tail || head.length + tail.length > 14) return null;
  return [...head, ...new Array<number>(16 - head.length - tail.length).fill(0), ...tail];
}

/**
 * A parsed address keeps its bytes packed in 32-bit words (signed, so that V8 keeps them as
 * small integers): `bytes` is a new array each time asked. The model keeps an address for
 * every IP record to the end of a lint, and an array of bytes costs more than the object that
 * holds it (an IPv6 address: 176 bytes of array, against 40 of words).
 */
class Ipv4Address implements IpAddress {
  readonly family = 4;
  constructor(private readonly word: number) {}

  get bytes(): number[] {
    const w = this.word;
    return [(w >>> 24) & 0xff, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff];
  }
}

class Ipv6Address implements IpAddress {
  readonly family = 6;
  constructor(
    private readonly w0: number,
    private readonly w1: number,
    private readonly w2: number,
    private readonly w3: number,
  ) {}

  get bytes(): number[] {
    const bytes = new Array<number>(16);
    const words = [this.w0, this.w1, this.w2, this.w3];
    for (let i = 0; i < 16; i++) bytes[i] = (words[i >> 2]! >>> (24 - 8 * (i & 3))) & 0xff;
    return bytes;
  }
}

function word(bytes: number[], at: number): number {
  return (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
}

/** What getaddrinfo(AI_NUMERICHOST, AF_UNSPEC) makes of a string, or null (EAI_NONAME).
 *  A zone ("%eth0") is accepted whatever interface it names: the linter cannot know the
 *  server's interfaces (the server takes an unknown one for a host name). */
export function parseNumericHost(text: string): IpAddress | null {
  const v4 = parseInetAton(text);
  if (v4) return new Ipv4Address(word(v4.bytes, 0));
  const percent = text.indexOf("%");
  const address = percent === -1 ? text : text.slice(0, percent);
  if (percent !== -1 && percent === text.length - 1) return null;
  const v6 = parseInet6(address);
  return v6 ? new Ipv6Address(word(v6, 0), word(v6, 4), word(v6, 8), word(v6, 12)) : null;
}

/** C strtol(s, &end, 10) must consume the whole (non-empty) string: leading whitespace and a
 *  sign are allowed. Returns null when it would not. */
function strtolWhole(text: string): number | null {
  const match = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/.exec(text);
  if (!match) return null;
  const magnitude = Number(match[2]);
  return match[1] === "-" ? -magnitude : magnitude;
}

/** pg_sockaddr_cidr_mask: the mask for "/bits", or null when bits is not valid for the family. */
export function cidrMask(bitsText: string, family: IpFamily): IpAddress | null {
  const bits = strtolWhole(bitsText);
  const maxBits = family === 4 ? 32 : 128;
  if (bits === null || bits < 0 || bits > maxBits) return null;
  const key = family * 1000 + bits;
  let mask = sharedMasks.get(key);
  if (!mask) {
    const bytes = new Array<number>(maxBits / 8);
    for (let i = 0; i < maxBits / 8; i++) {
      const inByte = Math.max(0, Math.min(8, bits - i * 8));
      bytes[i] = (0xff << (8 - inByte)) & 0xff;
    }
    // The object is frozen; its bytes are not: V8 iterates a frozen array (for-of, every) on a
    // slow path that allocates an iterator each time.
    sharedMasks.set(key, (mask = Object.freeze({ family, bytes })));
  }
  return mask;
}

/** One mask per family and prefix length, shared by every record that writes it (read only): a
 *  file of thousands of records has a handful of them. */
const sharedMasks = new Map<number, IpAddress>();

/** inet_ntop as glibc writes it (the longest run of two or more zero groups becomes "::";
 *  IPv4-compatible and -mapped addresses end in a dotted quad). */
export function formatIp(address: IpAddress): string {
  const b = address.bytes;
  if (address.family === 4) return b.join(".");
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push((b[2 * i]! << 8) | b[2 * i + 1]!);
  let best = { base: -1, len: 0 };
  let current = { base: -1, len: 0 };
  for (let i = 0; i < 8; i++) {
    if (words[i] === 0) {
      if (current.base === -1) current = { base: i, len: 1 };
      else current.len++;
    } else if (current.base !== -1) {
      if (best.base === -1 || current.len > best.len) best = current;
      current = { base: -1, len: 0 };
    }
  }
  if (current.base !== -1 && (best.base === -1 || current.len > best.len)) best = current;
  if (best.base !== -1 && best.len < 2) best = { base: -1, len: 0 };
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ":";
      continue;
    }
    if (i !== 0) out += ":";
    if (i === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && words[5] === 0xffff))) {
      out += b.slice(12, 16).join(".");
      break;
    }
    out += words[i]!.toString(16);
  }
  if (best.base !== -1 && best.base + best.len === 8) out += ":";
  return out;
}
