import type { GraphQLResolveInfo } from 'graphql';
import type { EntityRelease } from './platform/backend.ts';

export type ResponsePath = readonly (string | number)[];
type ExecutionPath = GraphQLResolveInfo['path'];

/** graphql-js's linked path as an array; done only when needed, since most releases never need it. */
function toArray(path: ResponsePath | ExecutionPath): ResponsePath {
  if (Array.isArray(path)) return path;
  const keys: (string | number)[] = [];
  for (let p: ExecutionPath | undefined = path as ExecutionPath; p; p = p.prev) keys.push(p.key);
  return keys.reverse();
}

/**
 * What one request released above PUBLIC: which fields of which entity, and where in the response.
 * The access log is written from it before the response leaves; if that write fails, the paths say
 * exactly what to take back out.
 */
export class Releases {
  private readonly fieldsByEntity = new Map<string, Set<string>>();
  private readonly paths: (ResponsePath | ExecutionPath)[] = [];

  /**
   * A field value released at `path`. `uscc` is undefined only for a root field that names no entity
   * (government searching the access log): it has no log row of its own, since the records under it
   * are logged against their entities, but it is still taken out if the log cannot be written.
   */
  record(uscc: string | undefined, field: string, path: ResponsePath | ExecutionPath): void {
    if (uscc !== undefined) {
      let fields = this.fieldsByEntity.get(uscc);
      if (!fields) this.fieldsByEntity.set(uscc, (fields = new Set()));
      fields.add(field);
    }
    this.paths.push(path);
  }

  get isEmpty(): boolean {
    return this.paths.length === 0;
  }

  /** One row per entity, fields sorted: what the access log stores. */
  byEntity(): EntityRelease[] {
    return [...this.fieldsByEntity].map(([uscc, fields]) => ({ uscc, fields: [...fields].sort() }));
  }

  /**
   * The released paths with no released ancestor. Taking these out takes out everything released; a
   * protected field inside a protected list goes with the list, so a non-null child never has to be
   * set to null on its own.
   */
  outermostPaths(): ResponsePath[] {
    const paths = this.paths.map(toArray);
    const keys = new Set(paths.map((p) => p.join('\u0000')));
    return paths.filter((path) => {
      for (let length = 1; length < path.length; length += 1) {
        if (keys.has(path.slice(0, length).join('\u0000'))) return false;
      }
      return true;
    });
  }
}
