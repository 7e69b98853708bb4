import { referencesOf, REDACTED_REFERENCE, type Reference } from '../../subgraphs/kit/disclosure/references.ts';
import { buildSchemaOf } from '../../subgraphs/kit/subgraph/subgraph.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import type { Occurrence, Path } from './profile-tree.ts';

/** Every `@references` of every registered subgraph, keyed `Type.field`. */
export const REFERENCES: ReadonlyMap<string, Reference> = new Map(SUBGRAPHS.flatMap((s) => [...referencesOf(buildSchemaOf(s)).entries()]));

function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const step of path) {
    if (node === null || node === undefined) return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

/**
 * What a caller other than government may see of the references in government's answer (which
 * shows every record with its lifecycle state): per entity, whether each named record is in view.
 * Occurrences are those of government's answer, with paths starting ['entities', i].
 */
export class ReferenceOracle {
  private readonly named = new Map<string, boolean>();

  constructor(
    private readonly truth: unknown,
    occurrences: readonly { o: Occurrence }[],
  ) {
    const targets = new Set([...REFERENCES.values()].map((r) => `${r.record}.${r.by}`));
    for (const { o } of occurrences) {
      if (o.value === null || o.value === undefined) continue;
      const state = valueAt(truth, [...o.path.slice(0, -1), 'lifecycle', 'state']);
      // Across departments a reference names any record by its id: every record with a lifecycle.
      const across = o.field.name === 'id' && state !== undefined ? ['*.id'] : [];
      for (const target of [...(targets.has(o.field.coordinate) ? [o.field.coordinate] : []), ...across]) {
        const key = this.key(o.path, target, o.value);
        this.named.set(key, (this.named.get(key) ?? false) || state === 'IN_FORCE');
      }
    }
  }

  private key(path: Path, target: string, value: unknown): string {
    return `${path[1]}|${target}|${String(value)}`;
  }

  /** Whether the value of reference field occurrence `o` names a record in view (unknown names: as the reference says). */
  releases(o: Occurrence, value: unknown = o.value): boolean {
    const reference = REFERENCES.get(o.field.coordinate);
    if (!reference || value === null || value === undefined) return true;
    const seen = this.named.get(this.key(o.path, `${reference.record}.${reference.by}`, value));
    return seen === undefined ? reference.outside : seen;
  }

  /** The text as a caller other than government sees it: mentions of records out of view redacted. */
  redacted(o: Occurrence): unknown {
    const reference = REFERENCES.get(o.field.coordinate);
    if (!reference?.mentions || typeof o.value !== 'string') return o.value;
    let text = o.value;
    const prefix = `${o.path[1]}|${reference.record}.${reference.by}|`;
    for (const [key, inView] of this.named) {
      if (!inView && key.startsWith(prefix)) text = text.split(key.slice(prefix.length)).join(REDACTED_REFERENCE);
    }
    return text;
  }

  /** Paths of records that leave view with the record they carry a reference to (a repair commitment). */
  carriedOutOfView(occurrences: readonly { o: Occurrence }[]): Path[] {
    return occurrences
      .filter(({ o }) => REFERENCES.get(o.field.coordinate)?.carriesRecord && !this.releases(o))
      .map(({ o }) => o.path.slice(0, -1));
  }
}
