// Writes the bundle's manifest.json for one runtime identifier from manifest.template.json:
//
//   node render-manifest.mjs VERSION RID > manifest.json
//
// Fills the version (read from the project by build.sh), the entry point (connectors-mcp, or connectors-mcp.exe for
// win-*) and the one platform the self-contained build runs on. Every other field is the template's.
import { readFileSync } from 'node:fs';

const [version, rid] = process.argv.slice(2);
if (!version || !rid) {
  console.error('usage: node render-manifest.mjs VERSION RID');
  process.exit(2);
}

const platforms = { win: 'win32', osx: 'darwin', linux: 'linux' };
const platform = platforms[rid.split('-')[0]];
if (!platform) {
  console.error(`render-manifest: unsupported runtime identifier '${rid}' (expected win-*, osx-* or linux-*)`);
  process.exit(2);
}

const entryPoint = platform === 'win32' ? 'server/connectors-mcp.exe' : 'server/connectors-mcp';
const template = readFileSync(new URL('./manifest.template.json', import.meta.url), 'utf8');
const text = template
  .replaceAll('@VERSION@', version)
  .replaceAll('@ENTRY_POINT@', entryPoint)
  .replaceAll('@PLATFORM@', platform);
const leftover = text.match(/@[A-Z_]+@/);
if (leftover) {
  console.error(`render-manifest: unfilled placeholder ${leftover[0]} in manifest.template.json`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
