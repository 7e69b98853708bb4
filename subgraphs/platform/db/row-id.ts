import { parseRecordId } from '../../kit/disclosure/record-id.ts';

/** A platform record id (platform.objection.7) of this kind, or its bare number, as a row id; null for anything else. */
export function platformRowId(id: string, kind: string): number | null {
  const parsed = parseRecordId(id);
  if (parsed) return parsed.domain === 'platform' && parsed.kind === kind ? Number(parsed.id) : null;
  return /^\d+$/.test(id) ? Number(id) : null;
}
