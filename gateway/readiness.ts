import type { KeyObject } from 'node:crypto';
import type { ApolloGateway } from '@apollo/gateway';
import { createHealth, type Health } from '../subgraphs/kit/runtime/health.ts';

/**
 * The gateway is ready once its supergraph is loaded and it holds the key it signs callers with. It
 * does not wait for the departments: one department down costs that department's fields, not the
 * gateway's place behind the balancer (department-unavailable.ts).
 */
export function createGatewayHealth(gateway: ApolloGateway, signingKey: KeyObject | undefined): Health {
  let supergraphLoaded = false;
  gateway.onSchemaLoadOrUpdate(() => {
    supergraphLoaded = true;
  });
  return createHealth('gateway', [
    {
      name: 'supergraph',
      check() {
        if (!supergraphLoaded) throw new Error('the supergraph is not loaded yet');
      },
    },
    {
      name: 'callerSigningKey',
      check() {
        if (signingKey?.type !== 'private') throw new Error('no private key to sign the caller header with (GATEWAY_SIGNING_KEY)');
      },
    },
  ]);
}
