// ESLint's "json" output: the results exactly as the engine made them (absolute paths), on one line.
import type { Formatter } from "./types";

export const formatJson: Formatter = (results) => JSON.stringify(results);
