// End-to-end check of an unpacked Claude Desktop bundle (.mcpb): starts the server exactly as the bundle's
// manifest.json says a desktop client must (mcp_config's command, args and env, with ${__dirname}, ${HOME} and
// ${user_config.KEY} substituted), then drives it over stdio with the official TypeScript SDK client.
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

// What a desktop client substitutes: the bundle's folder, the known folders, and each user_config value (the entered
// one, else the manifest's default, itself substituted). Anything left as ${...} is a manifest the client cannot run.
function substitute(text, userConfig) {
  return text.replace(/\$\{([^}]+)\}/g, (whole, name) => {
    if (name === '__dirname') return bundleDir;
    if (name === 'HOME') return homedir();
    if (name === '/' || name === 'pathSeparator') return path.sep;
    if (name.startsWith('user_config.') && userConfig) {
      const key = name.slice('user_config.'.length);
      if (key in userConfig) return String(userConfig[key]);
    }
    throw new Error(`manifest.json uses ${whole}, which a client cannot fill here`);
  });
}

const userConfig = {};
let command;
let args;
let env;
await check('manifest.json: a binary server whose entry point is in the bundle and executable', async () => {
  expect(manifest.server?.type === 'binary', `server.type is ${manifest.server?.type}`);
  const entryPoint = path.join(bundleDir, manifest.server.entry_point);
  accessSync(entryPoint, constants.X_OK);
  for (const [key, option] of Object.entries(manifest.user_config ?? {})) {
    if (key in entered) userConfig[key] = entered[key];
    else if (option.default !== undefined) userConfig[key] = substitute(String(option.default));
    else expect(!option.required, `user_config.${key} is required but this check does not fill it`);
  }
  for (const key of Object.keys(entered)) expect(key in userConfig, `manifest.json has no user_config.${key}`);
  const config = manifest.server.mcp_config;
  command = substitute(config.command, userConfig);
  args = (config.args ?? []).map((arg) => substitute(arg, userConfig));
  env = Object.fromEntries(Object.entries(config.env ?? {}).map(([k, v]) => [k, substitute(v, userConfig)]));
  expect(path.resolve(command) === entryPoint, `mcp_config.command ${command} is not the entry point ${entryPoint}`);
  console.log(`      command: ${command} ${args.join(' ')}`);
});

const stderr = [];
const client = new Client({ name: 'connectors-mcp-ci-mcpb-bundle', version: '1.0.0' });
let connected = false;
if (command) {
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
