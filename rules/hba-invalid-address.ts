import { defineRule } from "../src/rule-api";
import type { HbaAddress } from "../src/rule-api";
import { addressSpan, addressText, isLoaded } from "./hba-helpers";

type IpHbaAddress = Extract<HbaAddress, { kind: "ip" }>;

function formatAddress(bytes: number[]): string {
  if (bytes.length === 4) return bytes.join(".");
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  // The longest run of zero groups becomes "::", as inet_ntop writes it.
  let best = { at: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > best.length && j - i > 1) best = { at: i, length: j - i };
    i = j;
  }
  if (best.at < 0) return groups.join(":");
  return `${groups.slice(0, best.at).join(":")}::${groups.slice(best.at + best.length).join(":")}`;
}

/** The mask is ones then zeros (a prefix); else it is a mistake nobody means. */
function isContiguous(mask: number[]): boolean {
  let zeroSeen = false;
  for (const byte of mask) {
    for (let bit = 7; bit >= 0; bit--) {
      const one = (byte >> bit) & 1;
      if (one && zeroSeen) return false;
      if (!one) zeroSeen = true;
    }
  }
  return true;
}

function hostBitsSet(address: IpHbaAddress): boolean {
  // An address makes its bytes when asked: once each.
  const mask = address.mask.bytes;
  return address.address.bytes.some((byte, i) => (byte & ~mask[i]! & 0xff) !== 0);
}

export default defineRule({
  meta: {
    description: "Warn on IP addresses whose host bits are set beyond their mask, and on netmasks that are not a prefix.",
    category: "correctness",
    files: ["hba"],
    defaultSeverity: "warn",
    presets: ["recommended"],
    fixable: false,
    hasSuggestions: true,
    messages: {
      hostBits:
        "{{address}} has host bits set beyond its mask: PostgreSQL ignores them, so this record matches all of {{network}}/{{prefix}}, not the one host {{host}}. Write {{network}}/{{prefix}} if the network is meant, or {{host}}/{{hostPrefix}} for the single host.",
      useNetwork: "Write the network: {{network}}/{{prefix}}.",
      useHost: "Write the single host: {{host}}/{{hostPrefix}}.",
      nonContiguous:
        "{{address}}: the netmask is not a prefix (its one bits are not contiguous), so the record matches a scattered set of addresses. Use a netmask such as 255.255.255.0, or CIDR notation (10.0.0.0/24).",
    },
    references: [{ title: "PostgreSQL: The pg_hba.conf File (address and IP-mask fields)", url: "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html" }],
  },
  check(context) {
    for (const file of context.cluster.hbaFiles) {
      for (const record of file.document.records) {
        const address = record.address;
        if (!isLoaded(record) || address?.kind !== "ip") continue;
        if (!isContiguous(address.mask.bytes)) {
          context.report({ messageId: "nonContiguous", data: { address: addressText(address) }, filePath: file.path, span: addressSpan(address) });
          continue;
        }
        if (!hostBitsSet(address) || address.prefixLength === null) continue;
        const bytes = address.address.bytes;
        const mask = address.mask.bytes;
        const network = formatAddress(bytes.map((byte, i) => byte & mask[i]!));
        const host = formatAddress(bytes);
        const prefix = address.prefixLength;
        const hostPrefix = bytes.length * 8;
        const token = address.token;
        // A token makes its span when asked: once.
        const span = token.span;
        const data = { address: token.text, network, prefix, host, hostPrefix };
        context.report({
          messageId: "hostBits",
          data,
          filePath: file.path,
          span,
          suggestions: [
            { messageId: "useNetwork", data, edits: [{ range: [span.start, span.end], text: `${network}/${prefix}` }] },
            { messageId: "useHost", data, edits: [{ range: [span.start, span.end], text: `${host}/${hostPrefix}` }] },
          ],
        });
      }
    }
  },
});
