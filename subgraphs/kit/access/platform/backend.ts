import type { Grant } from '../authorisation-decision.ts';
import type { VerifiedCaller } from '../../identity/caller-token.ts';

/** The fields of one entity released to the caller in one request: one access-log row. */
export interface EntityRelease {
  uscc: string;
  /** Schema coordinates, e.g. `AnnualReport.revenue`. */
  fields: string[];
}

/**
 * What a department needs from the platform to enforce AUTHORISED and to keep the access log. Every
 * department reaches the platform over HTTP (platform-client.ts); the platform answers its own
 * questions from its own database. Both calls are made with the caller's verified token, so the
 * platform knows who is asking on whose behalf without trusting the department's word.
 */
export interface AccessBackend {
  /** The grants of the caller's organisation over these entities (one call covers a whole request). */
  grantsFor(verified: VerifiedCaller, usccs: readonly string[]): Promise<Grant[]>;
  /**
   * Stores the releases of one request; resolves only once they are stored. With a `deadline`, they
   * are stored only if that can be done before it, and otherwise never (it rejects with
   * `ReleaseTooLate`): past it the department has withheld them, and the log records what was released.
   */
  recordReleases(verified: VerifiedCaller, domain: string, releases: readonly EntityRelease[], deadline?: Date): Promise<void>;
}

/** The releases reached the log too late to be stored: the department withholds them. */
export class ReleaseTooLate extends Error {
  constructor(deadline: Date) {
    super(`the access log could not store the releases before ${deadline.toISOString()}, when the department withholds them`);
    this.name = 'ReleaseTooLate';
  }
}
