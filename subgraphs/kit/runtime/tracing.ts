import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';

/**
 * Traces over OpenTelemetry's official SDK, W3C `traceparent` between our services. Nothing is set up
 * unless `OTEL_EXPORTER_OTLP_ENDPOINT` names a collector: without it the API below is OpenTelemetry's
 * no-op (no span kept, no header written, no connection opened; test/e2e/no-telemetry.test.ts), and the
 * SDK is not even loaded. The exporter reads the standard `OTEL_EXPORTER_OTLP_*` variables itself.
 */
const tracer = trace.getTracer('credit-federation');

let provider: { forceFlush(): Promise<void>; shutdown(): Promise<void> } | undefined;

/** Starts exporting spans of this process as `service` when an OTLP endpoint is configured; idempotent. */
export async function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || provider) return provider !== undefined;
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const sdk = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || service }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // Registers the W3C trace-context propagator and the AsyncLocalStorage context manager globally.
  sdk.register();
  provider = sdk;
  return true;
}

/** Sends what is buffered and stops exporting (at the end of a drain). */
export async function stopTracing(): Promise<void> {
  const running = provider;
  provider = undefined;
  await running?.shutdown();
}

/** Runs one incoming request in a server span that continues the caller's trace (its `traceparent`). */
export function inServerSpan<T>(name: string, headers: IncomingHttpHeaders, run: () => Promise<T>): Promise<T> {
  if (!provider) return run();
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  return tracer.startActiveSpan(name, { kind: SpanKind.SERVER }, parent, (span) => ended(span, run));
}

/** Runs `work` in a child span of the current one (an access decision, an SQL statement). */
export function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>, kind: SpanKind = SpanKind.INTERNAL): Promise<T> {
  if (!provider) return work();
  return tracer.startActiveSpan(name, { kind, attributes }, (span) => ended(span, work));
}

async function ended<T>(span: ReturnType<typeof tracer.startSpan>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
    throw error;
  } finally {
    span.end();
  }
}

/** An outgoing call's headers with `traceparent` (and `tracestate`) for the current span; the same object when not tracing. */
export function withTraceContext<H extends Record<string, string> | undefined>(headers: H): H | Record<string, string> {
  if (!provider) return headers;
  const carrier: Record<string, string> = { ...headers };
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The current trace's id, for the request log. */
export function currentTraceId(): string | undefined {
  const id = trace.getActiveSpan()?.spanContext().traceId;
  return id && !/^0+$/.test(id) ? id : undefined;
}

/** The departments' internal POST routes (grants, the access log, record status), each in a server span. */
export function tracedRoutes<R extends (req: IncomingMessage, ...rest: any[]) => void | Promise<void>>(service: string, routes: Record<string, R>): Record<string, R> {
  return Object.fromEntries(
    Object.entries(routes).map(([path, route]) => [path, ((req: IncomingMessage, ...rest: unknown[]) => inServerSpan(`${service} POST ${path}`, req.headers, async () => route(req, ...rest))) as R]),
  );
}
