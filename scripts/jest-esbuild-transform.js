// Jest transformer: TypeScript and ESM -> CommonJS with esbuild (no type checking here).
const { transformSync } = require("esbuild");

module.exports = {
  process(source, filename) {
    const loader = filename.endsWith(".ts") ? "ts" : "js";
    const result = transformSync(source, {
      loader,
      format: "cjs",
      target: "node20",
      sourcemap: "inline",
      sourcefile: filename,
      supported: { "dynamic-import": false },
    });
    return { code: result.code };
  },
  getCacheKey(source, filename) {
    return require("crypto").createHash("sha1").update(source).update(filename).update("v1").digest("hex");
  },
};
