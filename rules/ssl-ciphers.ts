// ssl-ciphers: the effective ssl_ciphers (an OpenSSL cipher string) must enable no weak cipher
// class and must exclude the anonymous suites. It is judged whether or not ssl is on: it is what
// the server will use once it is.
//
// The cipher string is evaluated as OpenSSL's ssl_ciph.c does, on classes of suites rather than
// on one library's suite list (the classes a given OpenSSL build still ships differ; the string is
// judged by what it asks for): elements are separated by `:`, `,`, `;` or spaces; `A+B` selects the
// suites in both A and B; a `-` prefix removes suites (a later element may add them again), `!`
// removes them for good, `+` only moves suites already in the list to its end; `@STRENGTH` and
// `@SECLEVEL=n` select nothing. Alias names are case-sensitive, as in OpenSSL.
import { defineRule, quoteValue, safeSetParameterEdits } from "../src/rule-api";
import { remedy } from "./conf-helpers";

/** Classes of suites: the weak ones, eNULL (no encryption) and aNULL (no authentication). */
type Tag = "MEDIUM" | "LOW" | "EXPORT" | "DES" | "3DES" | "RC4" | "MD5" | "eNULL" | "aNULL";

/** The order weak classes are named in. */
const WEAK: readonly Tag[] = ["MEDIUM", "LOW", "EXPORT", "DES", "3DES", "RC4", "MD5", "eNULL"];
const WEAK_BULK: readonly Tag[] = ["MEDIUM", "LOW", "EXPORT", "DES", "3DES", "RC4", "MD5"];
const EVERY: readonly Tag[] = [...WEAK_BULK, "eNULL", "aNULL"];

/** A strong value that this rule accepts: HIGH (AES, ChaCha20, Camellia-256, ARIA-256) without the
 *  anonymous and null suites, and without what HIGH held in OpenSSL before 1.1.0 (3DES). */
export const STRONG_CIPHERS = "HIGH:!aNULL:!eNULL:!MD5:!3DES:!RC4";

function aliases(names: string[], tags: readonly Tag[]): [string, readonly Tag[]][] {
  return names.map((name) => [name, tags]);
}

// Judgement, per OpenSSL's cipher-string aliases: the classes of suites an alias can select.
const SELECTS = new Map<string, readonly Tag[]>([
  // ALL is every suite but the eNULL ones; COMPLEMENTOFDEFAULT is ALL minus DEFAULT.
  ...aliases(["ALL", "COMPLEMENTOFDEFAULT"], [...WEAK_BULK, "aNULL"]),
  ...aliases(["COMPLEMENTOFALL"], ["eNULL", "aNULL", "MD5"]),
  // OpenSSL's own default list (without the anonymous and null suites): not judged.
  ...aliases(["DEFAULT"], []),
  ...aliases(["HIGH"], ["aNULL"]),
  ...aliases(["MEDIUM"], ["MEDIUM", "aNULL"]),
  ...aliases(["LOW"], ["LOW", "aNULL"]),
  ...aliases(["EXP", "EXPORT", "EXPORT40", "EXPORT56"], ["EXPORT", "aNULL"]),
  ...aliases(["eNULL", "NULL"], ["eNULL", "aNULL"]),
  ...aliases(["aNULL", "ADH", "AECDH"], ["aNULL"]),
  ...aliases(["DES"], ["DES", "aNULL"]),
  ...aliases(["3DES"], ["3DES", "aNULL"]),
  ...aliases(["RC4"], ["RC4", "aNULL"]),
  ...aliases(["MD5"], ["MD5", "aNULL"]),
  // Authenticated key exchange or authentication: suites of every strength, null ones included.
  ...aliases(
    ["RSA", "kRSA", "aRSA", "DSS", "aDSS", "ECDSA", "aECDSA", "ECDHE", "EECDH", "DHE", "EDH", "PSK", "aPSK", "kPSK", "kRSAPSK", "kECDHEPSK", "kDHEPSK", "RSAPSK", "ECDHEPSK", "DHEPSK"],
    [...WEAK_BULK, "eNULL"],
  ),
  // Key exchanges that include the anonymous suites; protocol versions and MACs of every era.
  ...aliases(["kDHE", "kEDH", "kECDHE", "kEECDH", "SSLv3", "TLSv1", "TLSv1.0", "SHA1", "SHA"], EVERY),
  // Suites new in TLS 1.2: no RC4, DES or MD5, but null and anonymous ones.
  ...aliases(["TLSv1.2", "SHA256", "SHA384"], ["eNULL", "aNULL"]),
  // Strong bulk ciphers: only their anonymous variants are a concern.
  ...aliases(["AES", "AES128", "AES256", "AESGCM", "AESCCM", "AESCCM8", "CAMELLIA", "CAMELLIA128", "CAMELLIA256", "ARIA", "ARIA128", "ARIA256", "ARIAGCM", "CHACHA20", "AEAD"], ["aNULL"]),
]);

// What `!X` / `-X` removes entirely: the classes every suite of which X selects.
const REMOVES = new Map<string, readonly Tag[]>([
  ["ALL", [...WEAK_BULK, "aNULL"]],
  ["COMPLEMENTOFALL", ["eNULL"]],
  ["MEDIUM", ["MEDIUM"]],
  ["LOW", ["LOW", "DES"]],
  ["EXP", ["EXPORT"]],
  ["EXPORT", ["EXPORT"]],
  ["eNULL", ["eNULL"]],
  ["NULL", ["eNULL"]],
  ["aNULL", ["aNULL"]],
  ["DES", ["DES"]],
  ["3DES", ["3DES"]],
  ["RC4", ["RC4"]],
  ["MD5", ["MD5"]],
]);

/** The classes a suite name (OpenSSL's `DES-CBC3-SHA` or the standard `TLS_RSA_WITH_RC4_128_MD5`) is in. */
function suiteTags(name: string): Tag[] {
  const n = name.toUpperCase();
  const tags: Tag[] = [];
  const segment = (word: string) => new RegExp(`(^|[-_])${word}([-_]|$)`).test(n);
  if (segment("ADH") || segment("AECDH") || segment("ANON")) tags.push("aNULL");
  if (segment("NULL")) tags.push("eNULL");
  if (n.includes("RC4")) tags.push("RC4");
  if (n.includes("DES-CBC3") || n.includes("3DES") || n.includes("DES_EDE")) tags.push("3DES");
  else if (segment("DES") || n.includes("DES_CBC") || n.includes("DES40")) tags.push("DES");
  if (segment("EXP") || segment("EXPORT") || segment("EXP1024") || segment("EXPORT1024")) tags.push("EXPORT");
  if (n.includes("MD5")) tags.push("MD5");
  if (n.includes("SEED") || n.includes("IDEA") || n.includes("RC2")) tags.push("MEDIUM");
  return tags;
}

function partTags(part: string): readonly Tag[] {
  const known = SELECTS.get(part);
  if (known) return known;
  // A suite name has dashes or underscores; anything else is an alias this table does not know
  // (kGOST, SUITEB128, ...): taken to select nothing weak.
  return /[-_]/.test(part) ? suiteTags(part) : [];
}

export interface CipherVerdict {
  /** Weak classes still enabled, each with the elements that enabled it, in WEAK's order. */
  weak: { tag: Tag; elements: string[] }[];
  /** Whether anonymous suites are still enabled. */
  anonymous: boolean;
}

export function evaluateCipherString(value: string): CipherVerdict {
  const enabled = new Map<Tag, string[]>();
  const killed = new Set<Tag>();
  for (const element of value.split(/[:,; ]+/)) {
    if (element === "" || element.startsWith("@")) continue;
    const op = element[0] === "!" || element[0] === "-" || element[0] === "+" ? element[0] : "";
    const body = element.slice(op.length);
    const parts = body.split("+").filter((part) => part !== "");
    if (parts.length === 0) continue;
    if (op === "+") continue; // moves suites already enabled; enables none
    if (op === "!" || op === "-") {
      const removed = parts.length === 1 ? (REMOVES.get(parts[0]!) ?? []) : [];
      for (const tag of removed) {
        enabled.delete(tag);
        if (op === "!") killed.add(tag);
      }
      continue;
    }
    // A+B selects the suites in every part: a class only if every part can select it.
    const tags = parts.map(partTags).reduce((acc, next) => acc.filter((tag) => next.includes(tag)));
    for (const tag of tags) {
      if (killed.has(tag)) continue;
      const by = enabled.get(tag) ?? [];
      if (!by.includes(element)) by.push(element);
      enabled.set(tag, by);
    }
  }
  return {
    weak: WEAK.filter((tag) => enabled.has(tag)).map((tag) => ({ tag, elements: enabled.get(tag)! })),
    anonymous: enabled.has("aNULL"),
  };
}

/** "MEDIUM, ALL (LOW, EXPORT)": each element that enables weak classes, with them unless it is one. */
function describeWeak(weak: CipherVerdict["weak"]): string {
  const byElement = new Map<string, Tag[]>();
  for (const { tag, elements } of weak) for (const element of elements) byElement.set(element, [...(byElement.get(element) ?? []), tag]);
  return [...byElement].map(([element, tags]) => (tags.length === 1 && tags[0] === element ? element : `${element} (${tags.join(", ")})`)).join(", ");
}

function problems(verdict: CipherVerdict): string {
  const parts: string[] = [];
  if (verdict.weak.length > 0) parts.push(`enables weak ciphers: ${describeWeak(verdict.weak)}`);
  if (verdict.anonymous) parts.push("does not exclude the anonymous suites (no !aNULL), which authenticate no server");
  return parts.join(", and ");
}

export default defineRule({
  meta: {
    description: "Require ssl_ciphers to enable no weak cipher (MEDIUM, LOW, EXPORT, DES, 3DES, RC4, MD5, NULL) and to exclude the anonymous suites.",
    category: "tls",
    files: ["conf"],
    defaultSeverity: "error",
    presets: ["recommended"],
    fixable: true,
    messages: {
      weakCiphers: "ssl_ciphers '{{value}}' {{problems}}. A connection that negotiates such a suite can be decrypted or intercepted by an attacker on the network. {{remedy}}.",
      weakDefault: "ssl_ciphers is unset and its default '{{value}}' {{problems}}. A connection that negotiates such a suite can be decrypted or intercepted by an attacker on the network. {{remedy}}.",
    },
    references: [
      { title: "PostgreSQL: Connections and Authentication, ssl_ciphers", url: "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SSL-CIPHERS" },
      { title: "OpenSSL: ciphers, cipher list format and strings", url: "https://docs.openssl.org/master/man1/openssl-ciphers/" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 6.8 Ensure TLS is enabled and configured correctly", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    const { cluster } = context;
    const main = cluster.mainConf;
    if (!main) return;
    const value = cluster.effectiveValue("ssl_ciphers");
    if (value === undefined) return;
    const verdict = evaluateCipherString(value);
    if (verdict.weak.length === 0 && !verdict.anonymous) return;

    const entry = cluster.effective("ssl_ciphers");
    const raw = quoteValue(STRONG_CIPHERS);
    const fix = safeSetParameterEdits(cluster, "ssl_ciphers", raw);
    context.report({
      messageId: entry ? "weakCiphers" : "weakDefault",
      data: { value, problems: problems(verdict), remedy: remedy(entry, `ssl_ciphers = ${raw}`) },
      filePath: entry?.file.path ?? main.path,
      span: entry?.line.valueSpan ?? main.document.source.span(0, 0),
      ...(fix ? { fix: fix.edits, fixFilePath: fix.filePath } : {}),
    });
  },
});
