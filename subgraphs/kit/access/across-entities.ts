/**
 * Marks a value that belongs to no one entity: figures over many entities (a department's 双公示
 * compliance for a period). The access rules decide its INTERNAL fields on the caller alone and give
 * it no access-log row of its own; what it lists about particular entities (a late record) carries
 * that entity's code and is decided and logged per entity as usual.
 */
export const ACROSS_ENTITIES = Symbol('across entities');

export function acrossEntities<T extends object>(value: T): T & { [ACROSS_ENTITIES]: true } {
  return Object.assign(value, { [ACROSS_ENTITIES]: true as const });
}

export function isAcrossEntities(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { [ACROSS_ENTITIES]?: unknown })[ACROSS_ENTITIES] === true;
}
