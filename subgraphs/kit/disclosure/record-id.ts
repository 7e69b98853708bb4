/**
 * A record's stable, globally unique id: `<domain>.<kind>.<row id>`, e.g. `market.penalty.42`.
 * Objections and credit repair refer to records by it, across departments.
 */
export function recordId(domain: string, kind: string, id: number | string): string {
  return `${domain}.${kind}.${id}`;
}

export function parseRecordId(value: string): { domain: string; kind: string; id: string } | null {
  const match = /^([a-z]+)\.([a-z-]+)\.(\d+)$/.exec(value);
  return match ? { domain: match[1], kind: match[2], id: match[3] } : null;
}
