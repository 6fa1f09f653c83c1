// The TypeScript SDK client (the version .ci/conformance pins; protocol 2025-11-25) against several connectors-mcp
// instances behind a load balancer. Run by tests/Connectors.Mcp.Tests/MultiInstance (which then reads the balancer's
// access log to see which instance answered which request):
//
//   CONNECTORS_MCP_API_KEY=… node ts-check.mjs http://127.0.0.1:PORT/mcp [--clients N] [--calls M] [--affinity]
//
// N clients (default 6), each tagged X-Test-Client: ts-<i>, list the tools and make M calls (default 3) of a read-only
// sandbox tool. --affinity pins each client's session with an X-Mcp-Affinity key of its own (stateful servers; see
// nginx.conf.template). Prints one line per check and "ts-multi: N passed, M failed"; exits non-zero on a failure.
// The API key comes from the environment, never the command line (which other users of the machine can read).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The SDK installed by `npm ci` in .ci/conformance (one pin for both checks).
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'conformance', 'package.json'));
const { Client } = await import(require.resolve('@modelcontextprotocol/sdk/client/index.js'));
const { StreamableHTTPClientTransport } = await import(require.resolve('@modelcontextprotocol/sdk/client/streamableHttp.js'));

const args = process.argv.slice(2);
const url = args.find((a) => !a.startsWith('--'));
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? Number.parseInt(args[index + 1], 10) : fallback;
};
const clients = option('--clients', 6);
const calls = option('--calls', 3);
const affinity = args.includes('--affinity');
const apiKey = process.env.CONNECTORS_MCP_API_KEY;
if (!url || !apiKey || !(clients >= 1 && clients <= 100) || !(calls >= 1 && calls <= 100)) {
  console.error('usage: CONNECTORS_MCP_API_KEY=… node ts-check.mjs URL [--clients 1-100] [--calls 1-100] [--affinity]');
  process.exit(2);
}

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

async function runClient(index) {
  const headers = { Authorization: `Bearer ${apiKey}`, 'X-Test-Client': `ts-${index}` };
  if (affinity) headers['X-Mcp-Affinity'] = randomUUID();
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  const client = new Client({ name: 'connectors-mcp-ci-ts-multi', version: '1.0.0' });
  try {
    await check(`client ts-${index} connects (protocol 2025-11-25)`, async () => {
      await client.connect(transport);
      expect(transport.protocolVersion === '2025-11-25', `negotiated ${transport.protocolVersion}`);
    });
    await check(`client ts-${index} tools/list`, async () => {
      const names = (await client.listTools()).tools.map((t) => t.name);
      for (const expected of ['gmail_list_labels', 'gmail_send_email', 'get_approval']) {
        expect(names.includes(expected), `missing ${expected}`);
      }
    });
    for (let call = 0; call < calls; call++) {
      await check(`client ts-${index} call ${call + 1}: gmail_list_labels`, async () => {
        const result = await client.callTool({ name: 'gmail_list_labels', arguments: {} });
        expect(!result.isError, JSON.stringify(result.content));
        expect(Array.isArray(result.structuredContent?.labels), 'no labels in structuredContent');
      });
    }
  } finally {
    await client.close().catch(() => {});
  }
}

await Promise.all(Array.from({ length: clients }, (_, i) => runClient(i)));
console.log(`ts-multi: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
