import { z } from 'zod';

/** A 6-digit code from the authenticator app, or a recovery code; spaces people type are ignored. */
export const SecondFactorCodeSchema = z
  .string()
  .transform((value) => value.replace(/\s/g, ''))
  .pipe(z.string().min(6, 'must be the 6-digit code of your app or a recovery code').max(20));

/** What `POST /auth/login` answers when the password was right but a second factor must follow. */
export const SignInChallengeSchema = z.object({
  /** `code`: type the app's code; `enrol`: the organisation requires a second factor, set it up now. */
  secondFactor: z.enum(['code', 'enrol']),
  challenge: z.string(),
  expiresAt: z.string(),
});
/** A sign-in waiting for its second factor. */
export type SignInChallenge = z.infer<typeof SignInChallengeSchema>;

/** The secret of a new second factor, shown once: to type, or to scan as a QR code. */
export const SecondFactorEnrolmentSchema = z.object({
  secret: z.string(),
  uri: z.string(),
  /** An SVG QR code as a data URL. */
  qrCode: z.string(),
});
/** A second factor being set up. */
export type SecondFactorEnrolment = z.infer<typeof SecondFactorEnrolmentSchema>;

/** The sign-in waiting for its second factor. */
export const SignInChallengeRequestSchema = z.strictObject({ challenge: z.string().min(1).max(100) });

/** Second step of a password sign-in: the challenge and the code. */
export const SecondFactorSignInRequestSchema = z.strictObject({
  challenge: z.string().min(1).max(100),
  code: SecondFactorCodeSchema,
  mode: z.enum(['cookie', 'token']).default('cookie'),
});

/** Confirms a second factor being set up with a first code from the app. */
export const ConfirmSecondFactorRequestSchema = z.strictObject({ code: SecondFactorCodeSchema });

/** Recovery codes, shown once after enrolment. */
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

/** Turning the second factor off asks for the password again. */
export const DisableSecondFactorRequestSchema = z.strictObject({
  password: z.string().min(1, 'is required').max(200),
});

/** Where the signed-in user stands with the second factor (`GET /api/me`). */
export const SecondFactorStatusSchema = z.object({
  enabled: z.boolean(),
  /** Their organisation requires one. */
  required: z.boolean(),
  recoveryCodesLeft: z.number(),
});
