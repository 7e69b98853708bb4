// The image's HEALTHCHECK: `node dist/scripts/healthcheck.js [url]` exits 0 when the service answers
// ready, 1 otherwise. The image has no curl; Node's fetch is enough. The default is the gateway's.
const url = process.argv[2] || process.env.HEALTHCHECK_URL || `http://127.0.0.1:${process.env.GATEWAY_PORT || 4000}/readyz`;
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
  if (!response.ok) console.error(`${url}: ${response.status} ${await response.text()}`);
  process.exitCode = response.ok ? 0 : 1;
} catch (error) {
  console.error(`${url}: ${(error as Error).message}`);
  process.exitCode = 1;
}
