import { ReleaseTooLate, type AccessBackend } from '../../kit/access/platform/backend.ts';
import type { PlatformDb } from '../db/tables.ts';
import { insertReleasesBefore, type PendingReleases } from './access-log.ts';
import { findGrants } from './grants.ts';
import { groupCommit } from './group-commit.ts';

/**
 * The platform answers its own access questions from its own database, without a round trip. The
 * access log is written by group commit: the releases of requests arriving while a write is in flight
 * (every department's, the platform's own) go in the next single statement.
 */
export function createLocalAccessBackend(db: PlatformDb): AccessBackend {
  const store = groupCommit((pending: readonly PendingReleases[]) => insertReleasesBefore(db, pending));
  return {
    grantsFor: (verified, usccs) => findGrants(db, verified.caller, usccs),
    async recordReleases(verified, domain, releases, deadline) {
      const stored = await store({ caller: verified.caller, requestId: verified.requestId, domain, releases, deadline });
      if (!stored) throw new ReleaseTooLate(deadline!);
    },
  };
}
