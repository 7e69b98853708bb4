// Instants are stored as DATETIME(3) in UTC ('YYYY-MM-DD HH:MM:SS.mmm') and served as ISO 8601.

/** 'YYYY-MM-DD HH:MM:SS.mmm' in UTC, as DATETIME(3) columns hold it. */
export function toSqlInstant(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 23);
}

/** A DATETIME(3) value as ISO 8601 UTC. */
export function isoInstant(value: string): string {
  return `${value.replace(' ', 'T')}Z`;
}
