/**
 * The resident identity card number (公民身份号码, GB 11643-1999): 6 digits of the administrative
 * division, 8 of the birth date, 3 of the sequence, and a check character (0-9 or X) over the first 17
 * with weights 2^(17-i) mod 11. Only ever held as INTERNAL data (DOMAIN.md); checked where it enters,
 * so a typo is refused rather than stored as someone else's number.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character of the first 17 digits. */
export function residentIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** What is wrong with `value` as a resident ID number, in words, or null when it is one. */
export function residentIdProblem(value: string): string | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'expected 18 characters: 17 digits and a check digit or X (GB 11643)';
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const date = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birth) return `characters 7–14 should be a birth date, got ${value.slice(6, 14)}`;
  const expected = residentIdCheck(value.slice(0, 17));
  if (value[17] !== expected) return `check character should be ${expected}`;
  return null;
}
