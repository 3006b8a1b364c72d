import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import simpleImportSort from "eslint-plugin-simple-import-sort";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", "lib/db/generated/", "next-env.d.ts", "test-results/", "playwright-report/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
    },
  },
  {
    // One import order everywhere: packages, then @/ paths, then relative ones (eslint --fix sorts them).
    plugins: { "simple-import-sort": simpleImportSort },
    rules: { "simple-import-sort/imports": "error", "simple-import-sort/exports": "error" },
  },
  {
    // A promise nobody awaits or handles hides its failure (type-checked rules).
    files: ["**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { "@typescript-eslint/no-floating-promises": "error", "@typescript-eslint/no-misused-promises": "error" },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: { ...reactHooks.configs.recommended.rules, ...nextPlugin.configs.recommended.rules },
  },
  {
    // lib/ and workers/ run in worker processes: nothing from Next may leak in,
    // and they import each other by relative path (the @/ alias is for app/, components/ and tests/).
    files: ["lib/**/*.ts", "workers/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "server-only"], message: "lib/ is shared with workers; keep Next out." },
            { group: ["@/*"], message: "Inside lib/ and workers/, import by relative path." },
          ],
        },
      ],
    },
  },
  {
    // The two modules that are Next's by design: the session, read only by app/.
    files: ["lib/auth/next-auth.ts", "lib/auth/session.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/*"], message: "Inside lib/ and workers/, import by relative path." }] }],
    },
  },
);
