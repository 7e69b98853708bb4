import { describe, expect, it } from 'vitest';
import { permitStatus } from '../../subgraphs/environment/permit-status.ts';
import { chinaToday } from '../../subgraphs/kit/calendar/china-day.ts';
import { toDay } from '../../subgraphs/kit/calendar/dates.ts';

// China's legal day, not the UTC one: from 00:00 to 08:00 Beijing time the UTC date is still
// yesterday's. A permit valid to 1 March has expired at 00:30 on 2 March in Beijing.

const HALF_PAST_MIDNIGHT_BEIJING = new Date('2026-03-01T16:30:00Z'); // 2026-03-02 00:30 +08:00
const HALF_PAST_ELEVEN_BEIJING = new Date('2026-03-01T15:30:00Z'); // 2026-03-01 23:30 +08:00
const permit = { status: 'VALID' as const, validTo: '2026-03-01' };

describe('China’s legal day', () => {
  it('is already the next day at 00:30 Beijing time, while the UTC day is not', () => {
    expect(chinaToday(HALF_PAST_MIDNIGHT_BEIJING)).toBe('2026-03-02');
    expect(toDay(HALF_PAST_MIDNIGHT_BEIJING)).toBe('2026-03-01');
  });

  it('is still the same day at 23:30 Beijing time', () => {
    expect(chinaToday(HALF_PAST_ELEVEN_BEIJING)).toBe('2026-03-01');
  });

  it('expires a permit the day after its validTo, counted in Beijing', () => {
    expect(permitStatus(permit, chinaToday(HALF_PAST_MIDNIGHT_BEIJING))).toBe('EXPIRED');
    expect(permitStatus(permit, chinaToday(HALF_PAST_ELEVEN_BEIJING))).toBe('VALID');
  });

  it('leaves reported statuses and open-ended permits as they are', () => {
    expect(permitStatus({ status: 'REVOKED', validTo: '2026-03-01' }, '2026-03-02')).toBe('REVOKED');
    expect(permitStatus({ status: 'VALID', validTo: null }, '2030-01-01')).toBe('VALID');
  });
});
