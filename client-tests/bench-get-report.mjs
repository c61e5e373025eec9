#!/usr/bin/env node
// get_report latency and throughput from the official TypeScript SDK client, with C concurrent clients
// (each its own initialized MCP session over Streamable HTTP), N calls each after W warm-up calls.
//
//   node bench-get-report.mjs http://127.0.0.1:8080/mcp BTCUSDT [clients=1,8] [calls=2000] [warmup=200] [tool-call]
//
// tool-call (optional) measures another tool instead: JSON {"name": ..., "arguments": {...}}.
//
// Prints one line per concurrency: p50/p90/p99/max in ms (client-side, call to result) and calls/s, and first
// the latency of the very first tools/call of the first client (right after startup when run against a fresh
// server: bench/mcp-latency.sh).
//
// Those runs are closed loops: every client sends its next call as soon as the previous one is answered, so
// they measure the throughput ceiling, and their latency is mostly queueing once the CPUs are saturated.
// --paced=CxR[,CxR...] adds open-loop runs: C clients, each calling R times a second on a fixed schedule
// (clients offset evenly), for --seconds=S (default 20). Latency is measured from each call's scheduled
// time, so a call that starts late because the client or the machine was busy counts its wait too.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const options = Object.fromEntries(process.argv.slice(2).filter((a) => a.startsWith('--'))
  .map((a) => { const [k, v = ''] = a.slice(2).split('='); return [k, v]; }));
const [url, symbol, clientsArg = '1,8', callsArg = '2000', warmArg = '200', toolArg] =
  process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!url || !symbol) {
  console.error('usage: node bench-get-report.mjs <mcp-url> <symbol> [clients=1,8] [calls] [warmup] [tool-call]'
    + ' [--paced=8x10,8x50] [--seconds=20]');
  process.exit(2);
}
const paced = (options.paced ? options.paced.split(',') : []).map((p) => {
  const m = /^(\d+)x(\d+(?:\.\d+)?)$/.exec(p);
  if (!m) {
    console.error(`--paced: expected CLIENTSxCALLS_PER_SECOND, e.g. 8x25; got ${p}`);
    process.exit(2);
  }
  return { clients: Number(m[1]), rate: Number(m[2]) };
});
const pacedSeconds = Number(options.seconds ?? 20);
const calls = Number(callsArg);
const toolCall = toolArg ? JSON.parse(toolArg) : { name: 'get_report', arguments: { symbol } };
const warmup = Number(warmArg);

async function connect() {
  const client = new Client({ name: 'context8-bench', version: '0.1.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  await client.listTools();
  return client;
}

async function callOnce(client) {
  const t0 = process.hrtime.bigint();
  const r = await client.callTool(toolCall);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.isError) {
    // counted, not fatal: on a saturated machine a Redis read can exceed its 100 ms budget
    errors.push(r.content?.[0]?.text ?? 'tool error');
  }
  return ms;
}

const errors = [];
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

{
  const first = await connect();
  console.log(`first call after connect: ${(await callOnce(first)).toFixed(2)}ms`);
  await first.close();
}

const summary = (lat, secs) => `p50=${pct(lat, 50).toFixed(2)}ms p90=${pct(lat, 90).toFixed(2)}ms `
  + `p99=${pct(lat, 99).toFixed(2)}ms max=${lat[lat.length - 1].toFixed(2)}ms throughput=${(lat.length / secs).toFixed(0)}/s`
  + ` tool_errors=${errors.length}${errors.length ? ` (first: ${errors[0]})` : ''}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

for (const c of clientsArg.split(',').filter((x) => x).map(Number)) {
  const clients = await Promise.all(Array.from({ length: c }, connect));
  await Promise.all(clients.map(async (cl) => { for (let i = 0; i < warmup; i++) await callOnce(cl); }));
  const lat = [];
  errors.length = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(clients.map(async (cl) => { for (let i = 0; i < calls; i++) lat.push(await callOnce(cl)); }));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  lat.sort((a, b) => a - b);
  console.log(`clients=${c} calls=${lat.length} ${summary(lat, secs)}`);
  await Promise.all(clients.map((cl) => cl.close()));
}

for (const { clients: c, rate } of paced) {
  const clients = await Promise.all(Array.from({ length: c }, connect));
  await Promise.all(clients.map(async (cl) => { for (let i = 0; i < warmup; i++) await callOnce(cl); }));
  const lat = [];
  errors.length = 0;
  const period = 1e9 / rate;
  const perClient = Math.max(1, Math.round(rate * pacedSeconds));
  const t0 = process.hrtime.bigint() + 50_000_000n;
  await Promise.all(clients.map(async (cl, ci) => {
    const pending = [];
    for (let k = 0; k < perClient; k++) {
      const due = t0 + BigInt(Math.round((ci * period) / c + k * period));
      const wait = Number(due - process.hrtime.bigint()) / 1e6;
      if (wait > 0) await sleep(wait);
      pending.push(cl.callTool(toolCall).then((r) => {
        lat.push(Number(process.hrtime.bigint() - due) / 1e6);
        if (r.isError) errors.push(r.content?.[0]?.text ?? 'tool error');
      }));
    }
    await Promise.all(pending);
  }));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  lat.sort((a, b) => a - b);
  console.log(`paced clients=${c} rate=${rate}/s each (${(c * rate).toFixed(0)}/s offered) calls=${lat.length} ${summary(lat, secs)}`);
  await Promise.all(clients.map((cl) => cl.close()));
}
