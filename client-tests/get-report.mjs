#!/usr/bin/env node
// Calls get_report on a context8 MCP endpoint with the official TypeScript SDK client, the way an MCP
// host does: initialize (+ notifications/initialized), tools/list (which caches the output schema the
// client validates structuredContent against), tools/call.
//
//   node get-report.mjs http://127.0.0.1:8080/mcp BTCUSDT
//
// stdout: the CallToolResult as one line of JSON (also for tool errors, isError: true).
// stderr: diagnostics. Exit code: 0 when the exchange completed, 1 on a transport or protocol failure,
// 2 on bad usage.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [url, symbol] = process.argv.slice(2);
if (!url || !symbol) {
  console.error('usage: node get-report.mjs <mcp-url> <symbol>');
  process.exit(2);
}

const client = new Client({ name: 'context8-client-tests', version: '0.1.0' });
const transport = new StreamableHTTPClientTransport(new URL(url));

try {
  await client.connect(transport);
  const server = client.getServerVersion();
  console.error(`connected to ${server?.name} ${server?.version}, protocol ${transport.protocolVersion}`);

  const { tools } = await client.listTools();
  if (!tools.some((t) => t.name === 'get_report')) {
    throw new Error(`get_report is not listed (tools: ${tools.map((t) => t.name).join(', ')})`);
  }

  const result = await client.callTool({ name: 'get_report', arguments: { symbol } });
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (error) {
  console.error(`MCP failure: ${error?.message ?? error}`);
  process.exitCode = 1;
} finally {
  await client.close().catch(() => {});
}
