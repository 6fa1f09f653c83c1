// node load.mjs URL TOOL ARGSJSON SESSIONS SECONDS
const [url, tool, argsJson, sessionsArg, secondsArg] = process.argv.slice(2);
const sessions = Number(sessionsArg ?? 16), seconds = Number(secondsArg ?? 10);
const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
async function rpc(sid, body) {
  const h = { ...headers }; if (sid) { h['mcp-session-id'] = sid; h['mcp-protocol-version'] = '2025-11-25'; }
  const r = await fetch(url, { method: 'POST', headers: h, body: JSON.stringify(body) });
  const text = await r.text();
  return { sid: r.headers.get('mcp-session-id') ?? sid, status: r.status, text };
}
const lat = []; let calls = 0, errors = 0; let stop = false;
async function session() {
  let { sid } = await rpc(null, { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'load', version: '1' } } });
  await rpc(sid, { jsonrpc: '2.0', method: 'notifications/initialized' });
  let id = 1;
  while (!stop) {
    const t = performance.now();
    const r = await rpc(sid, { jsonrpc: '2.0', id: id++, method: 'tools/call', params: { name: tool, arguments: JSON.parse(argsJson) } });
    lat.push(performance.now() - t); calls++;
    if (r.status !== 200 || r.text.includes('"isError":true')) { errors++; if (errors < 3) console.error(r.status, r.text.slice(0, 300)); }
  }
}
setTimeout(() => { stop = true; }, seconds * 1000);
const t0 = performance.now();
await Promise.all(Array.from({ length: sessions }, session));
const el = (performance.now() - t0) / 1000;
lat.sort((a, b) => a - b);
const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(1);
console.log(JSON.stringify({ calls, errors, seconds: el.toFixed(1), rps: (calls / el).toFixed(0), p50: q(0.5), p99: q(0.99) }));
