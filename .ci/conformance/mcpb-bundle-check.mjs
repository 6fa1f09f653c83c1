// End-to-end check of an unpacked Claude Desktop bundle (.mcpb): starts the server exactly as the bundle's
// manifest.json says a desktop client must (mcp_config's command, args and env, resolved by the bundle format's own
// getMcpConfigForManifest), then drives it over stdio with the official TypeScript SDK client.
//
//   node mcpb-bundle-check.mjs UNPACKED_BUNDLE_DIR
//
// The user_config a person would enter for the demo: workspace "demo", Sandbox mode on, a fresh home folder.
// Prints one line per check and "mcpb-bundle: N passed, M failed"; exits non-zero when any check failed.
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';

const bundleDir = path.resolve(process.argv[2] ?? '');
if (!process.argv[2] || !existsSync(path.join(bundleDir, 'manifest.json'))) {
  console.error('usage: node mcpb-bundle-check.mjs UNPACKED_BUNDLE_DIR (a folder holding manifest.json)');
  process.exit(2);
}

const TIMEOUT_MS = 120_000;
const watchdog = setTimeout(() => {
  console.log(`FAIL  the check did not finish within ${TIMEOUT_MS / 1000}s`);
  process.exit(1);
}, TIMEOUT_MS);

let passed = 0;
let failed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok    ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAIL  ${name}: ${error?.message ?? error}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const manifest = JSON.parse(readFileSync(path.join(bundleDir, 'manifest.json'), 'utf8'));
const home = mkdtempSync(path.join(tmpdir(), 'mcpb-home-'));
const entered = { workspace: 'demo', sandbox: true, home };

// The bundle format's own resolver (@anthropic-ai/mcpb's getMcpConfigForManifest, pinned in packaging/mcpb): merges
// the user_config defaults and the entered values and substitutes ${__dirname}, the known folders and
// ${user_config.KEY} into mcp_config. Whatever it leaves as ${...} a client would pass to the server verbatim.
const mcpbPackage = new URL('../../packaging/mcpb/node_modules/@anthropic-ai/mcpb/dist/index.js', import.meta.url);
const { getMcpConfigForManifest } = await import(mcpbPackage.href);
const resolve = (userConfig) => getMcpConfigForManifest({
  manifest,
  extensionPath: bundleDir,
  systemDirs: { HOME: homedir(), DESKTOP: path.join(homedir(), 'Desktop'), DOCUMENTS: path.join(homedir(), 'Documents'), DOWNLOADS: path.join(homedir(), 'Downloads') },
  userConfig,
  pathSeparator: path.sep,
});

let command;
let args;
let env;
await check('manifest.json: a binary server whose entry point is in the bundle, executable, and mcp_config\'s command', async () => {
  expect(manifest.server?.type === 'binary', `server.type is ${manifest.server?.type}`);
  const entryPoint = path.join(bundleDir, manifest.server.entry_point);
  accessSync(entryPoint, constants.X_OK);
  for (const key of Object.keys(entered)) expect(manifest.user_config?.[key], `manifest.json has no user_config.${key}`);
  const config = await resolve(entered);
  expect(config, 'the resolver gave no configuration for a complete user_config');
  ({ command, args = [], env = {} } = config);
  const unresolved = [command, ...args, ...Object.values(env)].filter((v) => v.includes('${'));
  expect(unresolved.length === 0, `left unsubstituted: ${unresolved.join(', ')}`);
  expect(path.resolve(command) === entryPoint, `mcp_config.command ${command} is not the entry point ${entryPoint}`);
  console.log(`      command: ${command} ${args.join(' ')}`);
});
await check('a client does not start the server until the workspace and the home folder are entered', async () => {
  for (const missing of ['workspace', 'home']) {
    const partial = { ...entered };
    delete partial[missing];
    expect(await resolve(partial) === undefined, `started without ${missing}`);
  }
});

const stderr = [];
const client = new Client({ name: 'connectors-mcp-ci-mcpb-bundle', version: '1.0.0' });
let connected = false;
if (command && failed === 0) {
  await check('the server starts as mcp_config says and answers initialize over stdio', async () => {
    const transport = new StdioClientTransport({ command, args, env: { ...getDefaultEnvironment(), ...env }, stderr: 'pipe' });
    transport.stderr?.on('data', (chunk) => stderr.push(chunk.toString()));
    await client.connect(transport);
    connected = true;
    const server = client.getServerVersion();
    expect(server?.version?.startsWith(manifest.version), `server version ${server?.version}, manifest version ${manifest.version}`);
  });
}

if (connected) {
  await check('tools/list publishes the sandbox Gmail, Calendar and Outlook tools', async () => {
    const names = (await client.listTools()).tools.map((t) => t.name);
    for (const expected of ['list_connectors', 'gmail_search_inbox', 'google_calendar_list_events', 'outlook_mail_search_messages']) {
      expect(names.includes(expected), `missing ${expected} in ${names.join(', ')}`);
    }
  });
  await check('gmail_search_inbox returns the sandbox inbox', async () => {
    const result = await client.callTool({ name: 'gmail_search_inbox', arguments: { query: 'in:inbox', max_results: 3 } });
    expect(!result.isError, `error: ${JSON.stringify(result.content)}`);
    expect(result.structuredContent?.messages?.length > 0, 'no messages in the sandbox inbox');
  });
  await check('the bundle keeps its data in the chosen home folder: HOME/sandbox, never HOME itself', async () => {
    expect(existsSync(path.join(home, 'sandbox', 'connectors.db')), `no ${path.join(home, 'sandbox', 'connectors.db')}`);
    expect(!existsSync(path.join(home, 'connectors.db')), 'sandbox mode created a database outside HOME/sandbox');
  });
  await client.close();
}

clearTimeout(watchdog);
rmSync(home, { recursive: true, force: true });
if (failed > 0 && stderr.length > 0) {
  console.log('---- server stderr ----');
  console.log(stderr.join('').slice(-4000));
}
console.log(`mcpb-bundle: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
