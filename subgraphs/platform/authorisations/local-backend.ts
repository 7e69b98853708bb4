import type { AccessBackend } from '../../kit/access/platform/backend.ts';
import type { PlatformDb } from '../db/tables.ts';
import { insertReleases } from './access-log.ts';
import { findGrants } from './grants.ts';

/** The platform answers its own access questions from its own database, without a round trip. */
export function createLocalAccessBackend(db: PlatformDb): AccessBackend {
  return {
    grantsFor: (verified, usccs) => findGrants(db, verified.caller, usccs),
    recordReleases: (verified, domain, releases) => insertReleases(db, { caller: verified.caller, requestId: verified.requestId, domain, releases }),
  };
}
