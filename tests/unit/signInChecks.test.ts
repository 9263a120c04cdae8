import { describe, expect, it } from 'vitest';
import { LoginRequestSchema, RedeemInvitationRequestSchema } from '@concerto/shared';
import { checkLogin, checkRedeem } from '../../client/src/utils/signInChecks.ts';

// The sign-in pages check without zod (to stay small on a phone); they must accept what the server does.
const emails = [
  'sophie.lambert@concerto.demo',
  '  Sophie.Lambert@Concerto.Demo ',
  "o'brien+care@example.be",
  'a@b.co',
  'no-at-sign.example.be',
  'two@@example.be',
  'name@example',
  '.start@example.be',
  'dots..twice@example.be',
  'end.@example.be',
  '',
];
const passwords = ['concerto-demo', '', 'x'.repeat(200), 'x'.repeat(201)];

describe('sign-in checks without the schema library', () => {
  it('accept and refuse the same logins as LoginRequestSchema, with the same normalised email', () => {
    for (const email of emails) {
      for (const password of passwords) {
        const schema = LoginRequestSchema.safeParse({ email, password });
        const checked = checkLogin({ email, password });
        expect(checked.ok, `${email} / ${password.length} characters`).toBe(schema.success);
        if (checked.ok && schema.success) expect(checked.email).toBe(schema.data.email);
      }
    }
  });

  it('name the field to correct', () => {
    const checked = checkLogin({ email: 'nobody', password: '' });
    expect(checked.ok ? [] : checked.issues.map((issue) => issue.path)).toEqual(['email', 'password']);
  });

  it('accept the invitation codes RedeemInvitationRequestSchema accepts once spaces are removed', () => {
    const token = 'a'.repeat(40);
    for (const code of ['123456', '123 456', '12345', '1234567', 'abcdef', '']) {
      const checked = checkRedeem(token, code);
      const schema = RedeemInvitationRequestSchema.safeParse({ token, code: code.replace(/\D/g, '') });
      expect(checked.ok, code).toBe(schema.success);
    }
    const broken = checkRedeem('short', '123456');
    expect(broken.ok === false && broken.tokenBroken).toBe(true);
  });
});
