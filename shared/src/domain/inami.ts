/**
 * The INAMI/RIZIV number of a health professional: 11 digits, read as P-SSSSS-CC-QQQ. P is the
 * profession (1 physician, 3 dentist, 4 midwife or nurse, 5 physiotherapist...), SSSSS a serial,
 * CC the check number of the first six digits, QQQ the qualification (it changes with diplomas).
 *
 * The check number is 97 minus the remainder of the first six digits divided by 97 (the historic
 * rule), or 89 minus their remainder by 89 (RIZIV note I 2012/26, used since 2013 for nurses and
 * midwives and since 1 April 2019 for physicians, when the modulo-97 numbers ran out). Both rules
 * give valid numbers today; a number passing either is accepted. Checked against published numbers
 * (1-01857-48-004 passes modulo 89; 1-08290-59 passes modulo 97). The qualification code is not
 * checked: its list belongs to RIZIV and changes.
 */

/** Digits only: spaces, dots, dashes and slashes people type between the groups are removed. */
export function compactInamiNumber(input: string): string {
  return input.replace(/[\s./-]/g, '');
}

function checkNumber(serial: number, modulus: 97 | 89): number {
  return modulus - (serial % modulus);
}

/** Whether `digits` (11 digits, compacted) carries a valid check number under either RIZIV rule. */
export function isValidInamiNumber(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const serial = Number(digits.slice(0, 6));
  const check = Number(digits.slice(6, 8));
  return check === checkNumber(serial, 97) || check === checkNumber(serial, 89);
}

/** A valid INAMI number built from a six-digit serial and a qualification (for demo data and tests). */
export function inamiNumberFor(serial: number, qualification = '000'): string {
  const six = String(serial).padStart(6, '0');
  return `${six}${String(checkNumber(serial, 97)).padStart(2, '0')}${qualification}`;
}
