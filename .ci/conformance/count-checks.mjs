// Counts the conformance checks the suite wrote under one results folder (`conformance server -o DIR`).
// Prints "PASSED FAILED WARNINGS" on one line; exits 2 when no checks.json was written at all.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = process.argv[2];
let passed = 0;
let failed = 0;
let warnings = 0;
let files = 0;

for (const entry of readdirSync(resultsDir)) {
  const checksFile = join(resultsDir, entry, 'checks.json');
  try {
    statSync(checksFile);
  } catch {
    continue;
  }
  files += 1;
  for (const check of JSON.parse(readFileSync(checksFile, 'utf8'))) {
    if (check.status === 'SUCCESS') passed += 1;
    else if (check.status === 'FAILURE') failed += 1;
    else if (check.status === 'WARNING') warnings += 1;
  }
}

console.log(`${passed} ${failed} ${warnings}`);
process.exit(files === 0 ? 2 : 0);
