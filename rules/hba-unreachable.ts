import { defineRule, isGroupToken, isRegexToken } from "../src/rule-api";
import type { AuthToken, HbaAddress, HbaRecord } from "../src/rule-api";
import { ipNetworkCovers, canMatch, recordHead, recordSpan } from "./hba-helpers";

// check_hba (hba.c) takes the first record whose connection type, address, database and user
// all match. A record is unreachable when one earlier record matches every connection it
// could match. "Earlier" is in the order the server reads the records: from 16 on, an included
// file's records stand where its include directive is. Earlier records are indexed by connection type, address (prefix buckets) and
// database/user keys, so each record is compared with a few candidates only: the analysis
// stays linear in the number of records.

type ConnType = "local" | "host" | "hostssl" | "hostnossl" | "hostgssenc" | "hostnogssenc";

/** The connection types whose records match every connection a record of this type matches
 *  (TCP connections are plain, SSL or GSSAPI-encrypted). */
const COVERING_TYPES: Record<ConnType, ConnType[]> = {
  local: ["local"],
  host: ["host"],
  hostssl: ["host", "hostssl", "hostnogssenc"],
  hostnossl: ["host", "hostnossl"],
  hostgssenc: ["host", "hostgssenc", "hostnossl"],
  hostnogssenc: ["host", "hostnogssenc"],
};

// Keys of DATABASE and USER tokens. A name is its own key (no string made for it); keywords,
// groups and regular expressions start with a NUL, which no token holds (the tokenizer stops at
// one), so no name can be taken for them.
const ALL = "\0all";
const REPLICATION = "\0replication";
const SAMEUSER = "\0sameuser";
const SAMEROLE = "\0samerole";

/** How a DATABASE token matches (check_db), or null when it cannot be known (`@file`). */
function databaseKey(token: AuthToken, pgVersion: number): string | null {
  if (token.fileRef !== null) return null;
  const value = token.value;
  if (isRegexToken(token, pgVersion)) return `\0re:${value}`;
  if (!token.quoted) {
    if (value === "all") return ALL;
    if (value === "replication") return REPLICATION;
    if (value === "sameuser") return SAMEUSER;
    if (value === "samerole" || value === "samegroup") return SAMEROLE;
  }
  return value;
}

/** How a USER token matches (check_role), or null when it cannot be known (`@file`). A group
 *  (`+name`, unquoted) is its own key too: a quoted name that starts with `+` is told apart. */
function userKey(token: AuthToken, pgVersion: number): string | null {
  if (token.fileRef !== null) return null;
  const value = token.value;
  if (isGroupToken(token)) return value;
  if (!token.quoted && value === "all") return ALL;
  if (isRegexToken(token, pgVersion)) return `\0re:${value}`;
  return value.startsWith("+") ? `\0name:${value}` : value;
}

/** `replication` matches only physical replication connections, which `all` does not match. */
function databaseCovered(key: string, earlier: readonly string[]): boolean {
  if (key === REPLICATION) return earlier.includes(REPLICATION);
  return earlier.includes(ALL) || earlier.includes(key);
}

function userCovered(key: string, earlier: readonly string[]): boolean {
  return earlier.includes(ALL) || earlier.includes(key);
}

interface Entry {
  record: HbaRecord;
  /** The file the record is in. */
  filePath: string;
  /** Its position in the server's reading order. */
  order: number;
  /** The keys of its DATABASE and USER tokens, each once, in field order (a field holds a few
   *  tokens: a list is smaller and quicker than a set). */
  databases: string[];
  users: string[];
}

/** Earlier records with one address shape, indexed by their database and user keys. Most
 *  shapes hold one record (an address of its own): the maps are made for the second. */
class Bucket {
  private first: Entry | null = null;
  private byDatabase: Map<string, Entry[]> | null = null;
  private byUser: Map<string, Entry[]> | null = null;

  add(entry: Entry): void {
    if (this.first === null) {
      this.first = entry;
      return;
    }
    if (this.byDatabase === null) {
      this.byDatabase = new Map();
      this.byUser = new Map();
      this.index(this.first);
    }
    this.index(entry);
  }

  private index(entry: Entry): void {
    for (const key of entry.databases) push(this.byDatabase!, key, entry);
    for (const key of entry.users) push(this.byUser!, key, entry);
  }

  /** The entries that can cover a record whose first database and user keys are these: the
   *  shorter of the two candidate lists (each in file order). */
  candidates(database: string, user: string): (Entry[] | undefined)[] {
    if (this.byDatabase === null) {
      // The one record, when it is on both lists (a cover is).
      const entry = this.first!;
      const onDatabases = entry.databases.includes(database) || (database !== REPLICATION && entry.databases.includes(ALL));
      return onDatabases && (entry.users.includes(user) || entry.users.includes(ALL)) ? [[entry]] : [];
    }
    const byDatabase = this.byDatabase.get(database);
    const allDatabases = database === REPLICATION ? undefined : this.byDatabase.get(ALL);
    const byUser = this.byUser!.get(user);
    const allUsers = this.byUser!.get(ALL);
    const databaseCount = (byDatabase?.length ?? 0) + (allDatabases?.length ?? 0);
    const userCount = (byUser?.length ?? 0) + (allUsers?.length ?? 0);
    return databaseCount <= userCount ? [byDatabase, allDatabases] : [byUser, allUsers];
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function leadingOnes(bytes: number[]): number {
  let count = 0;
  for (const byte of bytes) {
    for (let bit = 7; bit >= 0; bit--) {
      if ((byte >> bit) & 1) count++;
      else return count;
    }
  }
  return count;
}

function prefixKey(family: number, prefix: number, bytes: number[]): string {
  if (family === 4) {
    // The masked address as one number: one conversion instead of four.
    const masked = prefix === 0 ? 0 : ((((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0) & (0xffffffff << (32 - prefix))) >>> 0;
    return `4/${prefix}/${masked}`;
  }
  let key = `${family}/${prefix}/`;
  for (let i = 0; i < bytes.length; i++) {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    key += `${(bytes[i]! & ((0xff << (8 - bits)) & 0xff)).toString(16)}.`;
  }
  return key;
}

/** Earlier records of one connection type. */
class TypeIndex {
  readonly buckets = new Map<string, Bucket>();
  /** Prefix lengths present in the prefix buckets, by address family. */
  readonly prefixes = new Map<number, Set<number>>();

  bucket(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new Bucket()));
    return bucket;
  }

  add(entry: Entry, address: HbaAddress | null): void {
    const key = earlierAddressKey(address);
    if (key === null) return;
    if (address?.kind === "ip" && key !== "odd-mask") {
      const prefix = leadingOnes(address.mask.bytes);
      let set = this.prefixes.get(address.address.family);
      if (!set) this.prefixes.set(address.address.family, (set = new Set()));
      set.add(prefix);
    }
    this.bucket(key).add(entry);
  }

  /** The buckets whose records may match every address `address` matches. */
  lookup(address: HbaAddress | null): Bucket[] {
    const found: Bucket[] = [];
    const add = (key: string): void => {
      const bucket = this.buckets.get(key);
      if (bucket) found.push(bucket);
    };
    if (address === null) add("local");
    else {
      add("all");
      if (address.kind === "samehost") {
        add("samehost");
        add("samenet");
      } else if (address.kind === "samenet") add("samenet");
      else if (address.kind === "hostname") add(`hostname:${address.name.toLowerCase()}`);
      else if (address.kind === "ip") {
        add("odd-mask");
        const fixed = leadingOnes(address.mask.bytes);
        for (const prefix of this.prefixes.get(address.address.family) ?? []) {
          if (prefix <= fixed) add(prefixKey(address.address.family, prefix, address.address.bytes));
        }
      }
    }
    return found;
  }
}

/** Where an earlier record goes in the index, or null when it cannot cover anything. */
function earlierAddressKey(address: HbaAddress | null): string | null {
  if (address === null) return "local";
  switch (address.kind) {
    case "all":
    case "samehost":
    case "samenet":
      return address.kind;
    case "hostname":
      // The same name (hostname_match is case-insensitive) matches the same clients; nothing
      // else can be said without DNS.
      return `hostname:${address.name.toLowerCase()}`;
    case "ip": {
      const prefix = leadingOnes(address.mask.bytes);
      const contiguous = address.mask.bytes.every((byte, i) => byte === (i * 8 + 8 <= prefix ? 0xff : i * 8 >= prefix ? 0 : (0xff << (8 - (prefix - i * 8))) & 0xff));
      return contiguous ? prefixKey(address.address.family, prefix, address.address.bytes) : "odd-mask";
    }
  }
}

/** Whether the earlier address matches every client the later one matches. */
function addressCovers(earlier: HbaAddress | null, later: HbaAddress | null): boolean {
  if (earlier === null || later === null) return earlier === later;
  if (earlier.kind === "all") return true;
  if (earlier.kind === "samenet") return later.kind === "samenet" || later.kind === "samehost";
  if (earlier.kind === "samehost") return later.kind === "samehost";
  if (earlier.kind === "hostname") return later.kind === "hostname" && later.name.toLowerCase() === earlier.name.toLowerCase();
  return earlier.kind === "ip" && later.kind === "ip" && ipNetworkCovers(earlier, later);
}

/** The keys of a field's tokens, each once, in an array of their number (one grown by push
 *  from empty keeps room for 17, and the index keeps these to the end of the rule). */
function keysOf(tokens: AuthToken[] | null, keyOf: (token: AuthToken, pgVersion: number) => string | null, pgVersion: number): { keys: string[]; complete: boolean } {
  if (tokens === null || tokens.length === 0) return { keys: [], complete: true };
  if (tokens.length === 1) {
    const key = keyOf(tokens[0]!, pgVersion);
    return key === null ? { keys: [], complete: false } : { keys: [key], complete: true };
  }
  const keys: string[] = [];
  let complete = true;
  for (const token of tokens) {
    const key = keyOf(token, pgVersion);
    if (key === null) complete = false;
    else if (!keys.includes(key)) keys.push(key);
  }
  return { keys: keys.slice(), complete };
}

/** Counts full record comparisons (exported for the linear-time test). */
export const unreachableStats = { comparisons: 0 };

function methodPart(record: HbaRecord): string {
  const methodIndex = record.fields.findIndex((field) => record.methodToken !== null && field.tokens.includes(record.methodToken));
  return record.fields
    .slice(methodIndex)
    .map((field) => field.tokens.map((token) => token.value).join(","))
    .join(" ");
}

export default defineRule({
  meta: {
    description: "Report pg_hba.conf records that can never match because an earlier record matches every connection they would.",
    category: "correctness",
    files: ["hba"],
    defaultSeverity: "warn",
    presets: ["recommended"],
    fixable: false,
    messages: {
      shadowed: "line {{line}} is never used: line {{earlier}} ({{head}}) matches every connection it would, so its {{method}} never applies. Move it above line {{earlier}} if it should take precedence, or remove it.",
      duplicate: "line {{line}} is never used: line {{earlier}} ({{head}}) matches every connection it would, with the same method. Remove it.",
    },
    references: [{ title: "PostgreSQL: The pg_hba.conf File", url: "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html" }],
  },
  check(context) {
    const pgVersion = context.pgVersion;
    unreachableStats.comparisons = 0;
    for (const sequence of context.cluster.hbaSequences()) {
      const indexes = new Map<ConnType, TypeIndex>();
      // A file included twice is read twice: its second copy is never used, but it is the
      // same text, judged once.
      const records = sequence.records;
      const seen = readsAFileTwice(records) ? new Set<HbaRecord>() : null;
      for (let order = 0; order < records.length; order++) {
        const { file, record } = records[order]!;
        if (seen !== null) {
          if (seen.has(record)) continue;
          seen.add(record);
        }
        if (!canMatch(record) || record.connectionType === null) continue;
        const type = record.connectionType as ConnType;
        const databases = keysOf(record.databases, databaseKey, pgVersion);
        const users = keysOf(record.users, userKey, pgVersion);
        const entry: Entry = { record, filePath: file.path, order, databases: databases.keys, users: users.keys };
        if (databases.complete && users.complete && databases.keys.length > 0 && users.keys.length > 0) {
          const cover = findCover(entry, indexes);
          if (cover) {
            const sameMethod = methodPart(cover.record) === methodPart(record);
            // A cover in another file (the including one, or an earlier included one) is named.
            const earlier = cover.filePath === file.path ? `${cover.record.lineNumber}` : `${cover.record.lineNumber} of ${cover.filePath.split(/[\\/]/).pop()}`;
            context.report({
              messageId: sameMethod ? "duplicate" : "shadowed",
              data: { line: record.lineNumber, earlier, head: recordHead(cover.record), method: record.methodToken?.text ?? "" },
              filePath: file.path,
              span: recordSpan(record),
            });
            // Whatever it would cover, its cover covers too: leave it out of the index.
            continue;
          }
        }
        if (databases.keys.length === 0 || users.keys.length === 0) continue;
        let index = indexes.get(type);
        if (!index) indexes.set(type, (index = new TypeIndex()));
        index.add(entry, record.address);
      }
    }
  },
});

/** Whether some file's records come twice in the sequence (each reading of a file gives all
 *  its records): without that, no set of the records seen is needed. */
function readsAFileTwice(records: readonly { file: { document: { records: readonly unknown[] } } }[]): boolean {
  const files = new Set<{ document: { records: readonly unknown[] } }>();
  let read = 0;
  let last = null;
  for (const { file } of records) {
    if (file === last) continue;
    last = file;
    if (!files.has(file)) {
      files.add(file);
      read += file.document.records.length;
    }
  }
  return read < records.length;
}

/** The first earlier record that matches every connection `later` matches, if any. */
function findCover(later: Entry, indexes: Map<ConnType, TypeIndex>): Entry | undefined {
  const record = later.record;
  const firstDatabase = later.databases[0]!;
  const firstUser = later.users[0]!;
  let best: Entry | undefined;
  for (const type of COVERING_TYPES[record.connectionType as ConnType]) {
    const index = indexes.get(type);
    if (!index) continue;
    for (const bucket of index.lookup(record.address)) {
      for (const list of bucket.candidates(firstDatabase, firstUser)) {
        if (!list) continue;
        for (const candidate of list) {
          // Lists are in reading order: nothing after the best so far can improve on it.
          if (best && candidate.order >= best.order) break;
          unreachableStats.comparisons++;
          if (covers(candidate, later)) {
            best = candidate;
            break;
          }
        }
      }
    }
  }
  return best;
}

function covers(earlier: Entry, later: Entry): boolean {
  if (!addressCovers(earlier.record.address, later.record.address)) return false;
  for (const key of later.databases) if (!databaseCovered(key, earlier.databases)) return false;
  for (const key of later.users) if (!userCovered(key, earlier.users)) return false;
  return true;
}
