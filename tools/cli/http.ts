// The emulator's network for `synchroniser` without --simulation: the emulator is synchronous, so
// each request runs in a short-lived Node process (fetch), its answer read back as JSON. The request
// (token included) goes through the child's standard input, never its command line.

import { spawnSync } from 'node:child_process';
import type { HttpAnswer, HttpRequest } from '../emulator';

const TIMEOUT_MS = 60_000;

const CHILD = `
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', async () => {
  const r = JSON.parse(input);
  try {
    const response = await fetch(r.url, {
      method: r.method,
      headers: { ...r.headers, ...(r.contentType ? { 'Content-Type': r.contentType } : {}) },
      body: r.method === 'GET' ? undefined : r.payload,
      signal: AbortSignal.timeout(${TIMEOUT_MS - 5000}),
    });
    const headers = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    process.stdout.write(JSON.stringify({ status: response.status, headers, body: await response.text() }));
  } catch (error) {
    const cause = error && error.cause ? ' (' + (error.cause.code || error.cause.message) + ')' : '';
    process.stdout.write(JSON.stringify({ error: String(error && error.message) + cause }));
  }
});
`;

export function realNetwork(request: HttpRequest): HttpAnswer {
  const child = spawnSync(process.execPath, ['-e', CHILD], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  let answer: (HttpAnswer & { error?: undefined }) | { error: string };
  try {
    answer = JSON.parse(child.stdout) as typeof answer;
  } catch {
    throw new Error(`Address unavailable: ${request.url}`);
  }
  if (answer.error !== undefined) throw new Error(`${answer.error}: ${request.url}`);
  return answer;
}
