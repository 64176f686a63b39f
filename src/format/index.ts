// The output formats by name, for --format. Each lives in its own module; all are imported
// statically so that the bundle holds them.
import { formatGithub } from "./github";
import { formatJson } from "./json";
import { formatRdjson } from "./rdjson";
import { formatSarif } from "./sarif";
import { formatStylish } from "./stylish";
import type { Formatter } from "./types";

export type { Formatter, FormatterContext, FormatterRuleMeta } from "./types";

export const FORMAT_NAMES = ["stylish", "json", "sarif", "github", "rdjson"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

const FORMATTERS: Record<FormatName, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  rdjson: formatRdjson,
};

export class UnknownFormatError extends Error {
  constructor(readonly formatName: string) {
    super(`Unknown format "${formatName}"; the formats are: ${FORMAT_NAMES.join(", ")}.`);
    this.name = "UnknownFormatError";
  }
}

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/** The formats that read the linted files' text (to turn offsets into their own positions). */
const READS_SOURCES: ReadonlySet<FormatName> = new Set(["sarif", "rdjson"]);

/** True when the format's `sourceOf` is called: otherwise the caller need not keep the texts. */
export function formatReadsSources(name: string): boolean {
  return isFormatName(name) && READS_SOURCES.has(name);
}

/** The formatter of a format name; throws UnknownFormatError for any other name. */
export function loadFormatter(name: string): Formatter {
  if (!isFormatName(name)) throw new UnknownFormatError(name);
  return FORMATTERS[name];
}
