// ESLint flat config (ESLint 10 no longer reads .eslintrc.json).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", ".scratch/**", "node_modules/**", "oracle/**", "coverage/**", "fixtures/**", ".bench/**", ".conformance/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      // `import fs = require("node:fs")` for Node's built-ins: the bundle then uses the module
      // object as is, where `import * as fs` makes esbuild copy every export into a namespace
      // object at start-up, once per importing module (docs/performance.md).
      "@typescript-eslint/no-require-imports": ["error", { allowAsImport: true }],
    },
  },
  {
    // The bundled code imports Node's built-ins as `import fs = require("node:fs")` or by name:
    // a namespace or default import makes esbuild copy every export at start-up.
    files: ["src/**/*.ts", "rules/**/*.ts", "grammar/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "ImportDeclaration[importKind!='type'][source.value=/^node:/] > ImportNamespaceSpecifier", message: 'Import a Node built-in as `import fs = require("node:fs")` or by name (docs/performance.md).' },
        { selector: "ImportDeclaration[importKind!='type'][source.value=/^node:/] > ImportDefaultSpecifier", message: 'Import a Node built-in as `import fs = require("node:fs")` or by name (docs/performance.md).' },
      ],
    },
  },
  {
    // Data flows one way: rules see only the rule API, never the parser or the CLI.
    files: ["rules/**/*.ts"],
    ignores: ["rules/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["../grammar/*", "../src/*", "!../src/rule-api"], message: "Rules import only src/rule-api." }] }],
    },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly", __dirname: "readonly", require: "readonly", module: "writable" } },
  },
  {
    // Plain .js files here are CommonJS (jest's transformer and reporter, the bin shim).
    files: ["**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
