// Tests run TypeScript (and the ESM-only dependencies such as chevrotain) through esbuild:
// fast, and one transform for both. Type checking is `npm run typecheck`.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/rules", "<rootDir>/src", "<rootDir>/grammar"],
  testMatch: ["**/*.test.ts"],
  transform: { "\\.[cm]?[jt]s$": "<rootDir>/scripts/jest-esbuild-transform.js" },
  transformIgnorePatterns: ["/node_modules/(?!(chevrotain|@chevrotain|lodash-es)/)"],
  // chevrotain's package resolves its @chevrotain/* parts through "import"-only exports, which
  // jest's CommonJS resolver cannot follow; its one-file ESM bundle has no imports.
  moduleNameMapper: { "^chevrotain$": "<rootDir>/node_modules/chevrotain/lib/chevrotain.mjs" },
  moduleFileExtensions: ["ts", "js", "mjs", "cjs", "json"],
  testTimeout: 30000,
  reporters: ["default", "<rootDir>/scripts/jest-summary-reporter.js"],
};
