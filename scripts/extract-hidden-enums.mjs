#!/usr/bin/env node
// Extracts the hidden values of enum parameters (config_enum_entry rows with hidden = true)
// for PostgreSQL 12–18 and writes src/values/hidden-enum-values.json.
//
// Why from the binaries: the arrays live in guc.c (12–15) / guc_tables.c (16+) and in several
// other files (xlogdesc.c for wal_level, xlog.c for archive_mode, contrib modules …), some
// behind #ifdef; the server binaries of oracle/node_modules/pgNN hold exactly the arrays that
// were compiled, unstripped. We read ConfigureNamesEnum (core) and the enum arrays of the
// contrib modules straight from the ELF files: symbol table + R_X86_64_RELATIVE relocations
// give the string pointers, the bytes give `val` and `hidden`. The server test
// (src/values/values.server.test.ts) then checks every value against the running servers.
//
// Usage: node scripts/extract-hidden-enums.mjs [oracleDir] [outFile]
import { readFileSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { join, basename } from "node:path";

const VERSIONS = [12, 13, 14, 15, 16, 17, 18];
const R_X86_64_RELATIVE = 8;
const ENTRY_SIZE = 16; // struct config_enum_entry { const char *name; int val; bool hidden; }

// Contrib modules define enums at run time (DefineCustomEnumVariable), so the array → parameter
// link is in code, not data: name it here. Any other contrib array with hidden rows is an error.
const CONTRIB_ARRAYS = {
  "auto_explain.so": { loglevel_options: ["auto_explain.log_level"] },
};

function readElf(path) {
  const buf = readFileSync(path);
  if (buf.readUInt32BE(0) !== 0x7f454c46 || buf[4] !== 2) throw new Error(`${path}: not an ELF64 file`);
  const shoff = Number(buf.readBigUInt64LE(0x28));
  const shentsize = buf.readUInt16LE(0x3a);
  const shnum = buf.readUInt16LE(0x3c);
  const shstrndx = buf.readUInt16LE(0x3e);
  const sections = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    sections.push({
      nameOffset: buf.readUInt32LE(o),
      type: buf.readUInt32LE(o + 4),
      addr: Number(buf.readBigUInt64LE(o + 0x10)),
      offset: Number(buf.readBigUInt64LE(o + 0x18)),
      size: Number(buf.readBigUInt64LE(o + 0x20)),
      link: buf.readUInt32LE(o + 0x28),
      entsize: Number(buf.readBigUInt64LE(o + 0x38)),
    });
  }
  const shstr = sections[shstrndx];
  for (const s of sections) s.name = cString(buf, shstr.offset + s.nameOffset);

  const relocs = new Map(); // address of a pointer slot -> address it points to
  for (const s of sections.filter((sec) => sec.type === 4 /* SHT_RELA */)) {
    for (let o = s.offset; o < s.offset + s.size; o += 24) {
      const type = Number(buf.readBigUInt64LE(o + 8) & 0xffffffffn);
      if (type === R_X86_64_RELATIVE) relocs.set(Number(buf.readBigUInt64LE(o)), Number(buf.readBigInt64LE(o + 16)));
    }
  }

  const symbols = [];
  const symtab = sections.find((s) => s.type === 2 /* SHT_SYMTAB */);
  if (!symtab) throw new Error(`${path}: stripped, no symbol table`);
  const strtab = sections[symtab.link];
  for (let o = symtab.offset; o < symtab.offset + symtab.size; o += 24) {
    symbols.push({
      name: cString(buf, strtab.offset + buf.readUInt32LE(o)),
      type: buf[o + 4] & 0xf,
      section: buf.readUInt16LE(o + 6),
      value: Number(buf.readBigUInt64LE(o + 8)),
      size: Number(buf.readBigUInt64LE(o + 16)),
    });
  }

  const fileOffset = (addr) => {
    const s = sections.find((sec) => sec.type !== 8 /* NOBITS */ && sec.addr !== 0 && addr >= sec.addr && addr < sec.addr + sec.size);
    if (!s) throw new Error(`${path}: address 0x${addr.toString(16)} is in no section`);
    return s.offset + (addr - s.addr);
  };
  const sectionNameAt = (addr) => sections.find((sec) => sec.addr !== 0 && addr >= sec.addr && addr < sec.addr + sec.size)?.name;
  return { buf, relocs, symbols, fileOffset, sectionNameAt };
}

function cString(buf, offset) {
  const end = buf.indexOf(0, offset);
  return buf.toString("latin1", offset, end);
}

/** Reads a NULL-terminated config_enum_entry array, or returns null if the bytes are not one. */
function readEnumEntries(elf, addr, expectedSize) {
  if (![".data.rel.ro", ".data"].includes(elf.sectionNameAt(addr))) return null;
  const entries = [];
  for (let slot = addr; ; slot += ENTRY_SIZE) {
    const off = elf.fileOffset(slot);
    const target = elf.relocs.get(slot);
    if (target === undefined) {
      if (elf.buf.readBigUInt64LE(off) !== 0n || elf.buf.readInt32LE(off + 8) !== 0) return null;
      if (expectedSize !== undefined && slot + ENTRY_SIZE - addr !== expectedSize) return null;
      return entries;
    }
    if (elf.sectionNameAt(target) !== ".rodata") return null;
    const hidden = elf.buf[off + 12];
    if (hidden > 1) return null;
    entries.push({ name: cString(elf.buf, elf.fileOffset(target)), val: elf.buf.readInt32LE(off + 8), hidden: hidden === 1 });
    if (entries.length > 200) return null;
  }
}

/** Core parameters: walk ConfigureNamesEnum, one record per parameter (the last is all zeros). */
function coreEnums(elf) {
  const table = elf.symbols.find((s) => s.name === "ConfigureNamesEnum");
  if (!table) throw new Error("no ConfigureNamesEnum symbol");
  const slots = [...elf.relocs.keys()].filter((a) => a >= table.value && a < table.value + table.size).sort((a, b) => a - b);
  // The options pointer sits at the same offset in every record; find it from the slots whose
  // target reads as an enum array (the array is in .data.rel.ro, or .data when not const).
  const candidates = slots.filter((a) => readEnumEntries(elf, elf.relocs.get(a)) !== null);
  const gaps = candidates.slice(1).map((a, i) => a - candidates[i]);
  const stride = Math.min(...gaps);
  const optionsOffset = (candidates[0] - table.value) % stride;
  if (table.size % stride !== 0) throw new Error("ConfigureNamesEnum: records of unequal size");
  const result = {};
  for (let start = table.value; start < table.value + table.size - stride; start += stride) {
    const name = cString(elf.buf, elf.fileOffset(elf.relocs.get(start)));
    const entries = readEnumEntries(elf, elf.relocs.get(start + optionsOffset));
    if (!entries) throw new Error(`ConfigureNamesEnum: no options array for ${name}`);
    result[name] = entries;
  }
  if (elf.relocs.has(table.value + table.size - stride)) throw new Error("ConfigureNamesEnum: last record is not the terminator");
  return result;
}

function contribEnums(libDir) {
  const result = {};
  for (const file of readdirSync(libDir).filter((f) => f.endsWith(".so")).sort()) {
    const elf = readElf(join(libDir, file));
    // Other structs share the layout (postgres_fdw's option table): only modules that define an
    // enum parameter count.
    if (!elf.symbols.some((s) => s.name === "DefineCustomEnumVariable")) continue;
    for (const sym of elf.symbols) {
      if (sym.type !== 1 /* STT_OBJECT */ || sym.size < 2 * ENTRY_SIZE || sym.size % ENTRY_SIZE !== 0) continue;
      if (elf.sectionNameAt(sym.value) !== ".data.rel.ro") continue;
      const entries = readEnumEntries(elf, sym.value, sym.size);
      if (!entries || !entries.some((e) => e.hidden)) continue;
      const params = CONTRIB_ARRAYS[file]?.[sym.name];
      if (!params) throw new Error(`${file}: enum array ${sym.name} has hidden values but no parameter is mapped to it`);
      for (const p of params) result[p] = entries;
    }
  }
  return result;
}

/**
 * Per parameter: hidden value -> the name SHOW reports for it (config_enum_lookup_by_value
 * returns the first row with the same val). Visible rows that share a val with an earlier row
 * (wal_compression "on" = "pglz") are listed under `visibleAliases` the same way.
 */
function summarize(enums) {
  const hidden = {};
  const visibleAliases = {};
  for (const name of Object.keys(enums).sort()) {
    const entries = enums[name];
    const canonical = (val) => entries.find((e) => e.val === val).name;
    for (const e of entries) {
      const shown = canonical(e.val);
      if (e.hidden) (hidden[name] ??= {})[e.name] = shown;
      else if (shown !== e.name) (visibleAliases[name] ??= {})[e.name] = shown;
    }
  }
  return { hidden, visibleAliases };
}

function main() {
  const oracleDir = process.argv[2] ?? join(import.meta.dirname, "..", "oracle", "node_modules");
  const outFile = process.argv[3] ?? join(import.meta.dirname, "..", "src", "values", "hidden-enum-values.json");
  const versions = {};
  const serverVersions = {};
  for (const v of VERSIONS) {
    const native = join(oracleDir, `pg${v}`, "native");
    const bin = join(native, "bin", "postgres");
    if (!existsSync(bin)) throw new Error(`missing ${bin}`);
    const elf = readElf(bin);
    const version = elf.buf.toString("latin1").match(/PostgreSQL (\d+\.\d+) on /);
    serverVersions[v] = version ? version[1] : "unknown";
    versions[v] = summarize({ ...coreEnums(elf), ...contribEnums(join(native, "lib", "postgresql")) });
  }
  const out = {
    note:
      "Hidden enum values (config_enum_entry rows with hidden = true) per major version and parameter, " +
      "mapped to the name the server reports for them. Generated by scripts/extract-hidden-enums.mjs from the " +
      "compiled arrays of the servers in oracle/node_modules (core: ConfigureNamesEnum, whose arrays are in " +
      "guc.c for 12–15 and guc_tables.c for 16–18, plus xlogdesc.c, xlog.c, dsm_impl.c; contrib: " +
      Object.keys(CONTRIB_ARRAYS).map((f) => basename(f, ".so")).join(", ") +
      "). Build-dependent rows (lz4, zstd, syslog) are as these builds have them. Checked against the servers by src/values/values.server.test.ts.",
    serverVersions,
    versions,
  };
  writeFileSync(outFile, JSON.stringify(out, null, 2) + "\n");
  console.log(`wrote ${outFile}`);
}

main();
