import { createServer, type Server } from 'node:http';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { firstSubject } from '../support/demo.ts';
import { graphql } from '../support/graphql.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { clientToken } from '../support/tokens.ts';

interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

/** An OTLP/HTTP (JSON) trace receiver on 127.0.0.1, as a collector would be: it keeps what it is sent. */
async function startReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; server: Server }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = resourceSpans.resource?.attributes?.find((a: any) => a.key === 'service.name')?.value?.stringValue;
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) spans.push({ service, traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId || undefined, name: span.name });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, spans, server };
}

describe('traces', () => {
  const started: ServiceProcess[] = [];
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  afterAll(() => {
    for (const service of started) service.child.kill('SIGKILL');
    receiver?.server.close();
  });

  it('one trace spans the gateway, the departments it called and the platform they asked, through W3C traceparent, exported to the configured OTLP endpoint', async () => {
    receiver = await startReceiver();
    const keys = inject('callerKeys');
    const subgraphUrls = inject('subgraphUrls');
    const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100', SHUTDOWN_DELAY_MS: '0' };
    const departments: Record<string, ServiceProcess> = {};
    // The platform first: the departments ask it for grants.
    for (const name of ['platform', 'tax', 'courts']) {
      departments[name] = await startServiceProcess(`subgraphs/${name}/main.ts`, {
        ...otel,
        [`${name.toUpperCase()}_DATABASE_URL`]: inject('databaseUrls')[name],
        [`${name.toUpperCase()}_PORT`]: '0',
        GATEWAY_PUBLIC_KEY: JSON.stringify(keys.publicJwk),
        PLATFORM_URL: (departments.platform?.url ?? subgraphUrls.platform).replace(/\/graphql$/, ''),
      });
      started.push(departments[name]);
    }
    const urls = Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]));
    const gateway = await startServiceProcess('gateway/main.ts', {
      ...urls,
      ...otel,
      TAX_URL: departments.tax.url,
      COURTS_URL: departments.courts.url,
      PLATFORM_URL: departments.platform.url,
      AUTH_ISSUERS: JSON.stringify([{ issuer: inject('testIssuer').issuer, publicKey: inject('testIssuer').publicJwk }]),
      GATEWAY_PORT: '0',
      GATEWAY_SIGNING_KEY: JSON.stringify(keys.privateJwk),
    });
    started.push(gateway);

    const subject = firstSubject((s) => s.kind === 'ENTERPRISE');
    // A bank: tax asks the platform whether the entity has authorised it (it has not: ratings FORBIDDEN).
    const token = await clientToken({ kind: 'INSTITUTION', organisation: 'BANK-TRACE-TEST' });
    const result = await graphql('query Traced($uscc: USCC!) { entity(uscc: $uscc) { name tax { aGradeYears ratings { grade } } courts { __typename } } }', { uscc: subject.uscc }, {
      url: gateway.url,
      headers: { authorization: `Bearer ${token}`, 'x-credit-purpose': 'LOAN_APPROVAL' },
    });
    expect(result.data.entity.name).toEqual(expect.any(String));

    // Stopping flushes what each process has buffered.
    for (const service of started) service.child.kill('SIGTERM');
    await Promise.all(started.map((s) => s.exited));

    const request = receiver.spans.find((s) => s.service === 'gateway' && s.name === 'gateway POST /graphql');
    expect(request, JSON.stringify(receiver.spans.map((s) => `${s.service}:${s.name}`))).toBeDefined();
    const trace = receiver.spans.filter((s) => s.traceId === request!.traceId);
    const names = (service: string) => trace.filter((s) => s.service === service).map((s) => s.name);
    expect(names('gateway')).toEqual(expect.arrayContaining(['gateway.plan', 'gateway.fetch']));
    expect(names('tax')).toEqual(expect.arrayContaining(['tax POST /graphql', 'sql', 'access decision']));
    expect(names('courts')).toEqual(expect.arrayContaining(['courts POST /graphql']));
    // … and on to the platform, called by tax for the bank's grants.
    const grants = trace.find((s) => s.service === 'platform' && s.name === 'platform POST /internal/authorisations');
    expect(grants, JSON.stringify(names('platform'))).toBeDefined();
    expect(trace.find((s) => s.spanId === grants!.parentSpanId)?.service).toBe('tax');
    // Each department's request span is a child of one of the gateway's fetch spans.
    const fetches = new Set(trace.filter((s) => s.service === 'gateway' && s.name === 'gateway.fetch').map((s) => s.spanId));
    for (const department of ['tax', 'courts']) {
      const served = trace.find((s) => s.service === department && s.name === `${department} POST /graphql`)!;
      expect(fetches.has(served.parentSpanId!)).toBe(true);
    }
  }, 120_000);
});
