import { createPrivateKey, createPublicKey } from 'node:crypto';
import { inject } from 'vitest';
import { readGatewayOptions, type GatewayOptions } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/gateway.ts';
import { createLogger } from '../../subgraphs/kit/runtime/logger.ts';

/**
 * A gateway of the test's own, in the test's process, over the run's subgraphs and configured like the
 * shared one except for `overrides`: for settings the shared gateway must not take (a tiny rate-limit
 * window, an origin allow-list), and so that the test can read this gateway's memory as its own.
 */
export async function startOwnGateway(overrides: Partial<GatewayOptions> = {}, env: NodeJS.ProcessEnv = {}): Promise<RunningGateway> {
  const testIssuer = inject('testIssuer');
  return startGateway(
    {
      ...readGatewayOptions(env),
      port: 0,
      subgraphUrls: inject('subgraphUrls'),
      callerSigningKey: createPrivateKey({ key: inject('callerKeys').privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' }),
      auth: { issuers: [{ issuer: testIssuer.issuer, key: createPublicKey({ key: testIssuer.publicJwk as import('node:crypto').JsonWebKey, format: 'jwk' }) }], devIssuerPath: null },
      ...overrides,
    },
    createLogger('test-gateway'),
  );
}
