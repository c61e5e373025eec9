#!/usr/bin/env node
// Exercises every context8 MCP feature with the official TypeScript SDK client, over Streamable HTTP or stdio:
// initialize, tools/list, resources/templates/list, prompts/list, a call of every tool (valid arguments and
// error cases), resources/read of report://SYMBOL, prompts/get market_brief and completion/complete of the symbol
// argument of both. The client validates every
// structuredContent against the tool's output schema.
//
//   node all-tools.mjs <symbol> http <mcp-url>
//   node all-tools.mjs <symbol> stdio <command> [args...]     (environment passed through: REDIS_URL etc.)
//
// stdout: one JSON object {server, protocol, tools, resourceTemplates, prompts, calls: {name: result}, errors:
// {case: result}, resource, prompt, completions}. Exit code 0 when every exchange completed, 1 otherwise, 2 on bad usage.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';

const [symbol, mode, target, ...rest] = process.argv.slice(2);
if (!symbol || !['http', 'stdio'].includes(mode) || !target) {
  console.error('usage: node all-tools.mjs <symbol> http <url> | node all-tools.mjs <symbol> stdio <command> [args...]');
  process.exit(2);
}

const transport = mode === 'http'
  ? new StreamableHTTPClientTransport(new URL(target))
  : new StdioClientTransport({ command: target, args: rest, env: { ...getDefaultEnvironment(), ...process.env }, stderr: 'inherit' });
const client = new Client({ name: 'context8-all-tools', version: '0.1.0' });

try {
  await client.connect(transport);
  const out = { server: client.getServerVersion(), protocol: transport.protocolVersion ?? null };
  out.tools = (await client.listTools()).tools;
  out.resourceTemplates = (await client.listResourceTemplates()).resourceTemplates;
  out.prompts = (await client.listPrompts()).prompts;
  const call = (name, args) => client.callTool({ name, arguments: args });
  out.calls = {
    get_report: await call('get_report', { symbol }),
    list_symbols: await call('list_symbols', {}),
    get_order_book: await call('get_order_book', { symbol, depth: 5 }),
    get_recent_trades: await call('get_recent_trades', { symbol, limit: 10 }),
    get_ohlcv: await call('get_ohlcv', { symbol, interval: '1m', limit: 5 }),
  };
  out.errors = {
    invalid_symbol: await call('get_report', { symbol: 'btc usdt' }),
    not_indexed: await call('get_order_book', { symbol: 'NOSUCHCOIN' }),
    bad_depth: await call('get_order_book', { symbol, depth: 1000 }),
    bad_interval: await call('get_ohlcv', { symbol, interval: '7m' }),
    wrong_type: await call('get_recent_trades', { symbol, limit: 'many' }),
  };
  try {
    out.errors.unknown_tool = await call('no_such_tool', {});
  } catch (e) {
    out.errors.unknown_tool = { jsonrpcError: e.code ?? null, message: String(e.message) };
  }
  out.resource = await client.readResource({ uri: `report://${symbol}` });
  out.prompt = await client.getPrompt({ name: 'market_brief', arguments: { symbol } });
  // completion/complete of the symbol argument, from its first letter (lower case, as a user types it)
  const first = symbol.slice(0, 1).toLowerCase();
  out.completions = {
    prompt: await client.complete({ ref: { type: 'ref/prompt', name: 'market_brief' }, argument: { name: 'symbol', value: first } }),
    resource: await client.complete({ ref: { type: 'ref/resource', uri: 'report://{symbol}' }, argument: { name: 'symbol', value: first } }),
    none: await client.complete({ ref: { type: 'ref/prompt', name: 'market_brief' }, argument: { name: 'symbol', value: 'zzz' } }),
  };
  console.log(JSON.stringify(out));
  await client.close();
  process.exit(0);
} catch (e) {
  console.error(`MCP exchange failed: ${e?.stack ?? e}`);
  try { await client.close(); } catch { /* closing a failed transport */ }
  process.exit(1);
}
