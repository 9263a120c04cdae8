/**
 * The sign-in and invitation forms' own checks, written without the schema library so the first pages a
 * phone downloads stay small. They mirror `LoginRequestSchema` and `RedeemInvitationRequestSchema` (a
 * unit test compares them on the same inputs); the server validates again with the shared schemas.
 */
import type { FieldIssue } from './validation.ts';

// zod's `z.email()` default pattern.
const emailPattern =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** The checked login body, or the problems to show. */
export function checkLogin(form: {
  email: string;
  password: string;
}): { ok: true; email: string; password: string } | { ok: false; issues: FieldIssue[] } {
  const email = form.email.trim().toLowerCase();
  const issues: FieldIssue[] = [];
  if (!emailPattern.test(email)) issues.push({ path: 'email', message: 'must be an email address' });
  if (form.password.length === 0) issues.push({ path: 'password', message: 'is required' });
  if (form.password.length > 200) issues.push({ path: 'password', message: 'Too big' });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, email, password: form.password };
}

/** The checked invitation body (the code's spaces removed), or what is wrong with it. */
export function checkRedeem(
  token: string,
  typedCode: string,
): { ok: true; token: string; code: string } | { ok: false; tokenBroken: boolean; issues: FieldIssue[] } {
  // People copy codes with spaces ("123 456"); only the digits matter.
  const code = typedCode.replace(/\D/g, '');
  const tokenBroken = token.length < 20 || token.length > 100;
  const issues: FieldIssue[] = /^\d{6}$/.test(code)
    ? []
    : [{ path: 'code', message: 'must be the 6-digit code' }];
  return tokenBroken || issues.length > 0 ? { ok: false, tokenBroken, issues } : { ok: true, token, code };
}
