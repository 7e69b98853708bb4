import type { KeyObject } from 'node:crypto';
import type { Pool } from 'mysql2/promise';
import { createHealth, type Health, type ReadinessCheck } from '../runtime/health.ts';

export interface SubgraphReadiness {
  /** The subgraph's pool: ready only while a statement goes through. */
  pool: Pool;
  /** Without the gateway's public key every caller would be anonymous: not ready to serve. */
  gatewayPublicKey: KeyObject | undefined;
  /** Further checks (the schema version). */
  more?: readonly ReadinessCheck[];
}

/**
 * A department is ready when its database answers and it can verify the gateway's caller header.
 * Each probe asks the database afresh, so readiness returns by itself when the database does.
 */
export function createSubgraphHealth(name: string, { pool, gatewayPublicKey, more = [] }: SubgraphReadiness): Health {
  return createHealth(name, [
    {
      name: 'database',
      async check() {
        await pool.query('SELECT 1');
      },
    },
    {
      name: 'gatewayPublicKey',
      check() {
        if (!gatewayPublicKey) throw new Error('no public key to verify the caller header with (GATEWAY_PUBLIC_KEY)');
      },
    },
    ...more,
  ]);
}
