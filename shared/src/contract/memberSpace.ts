import { z } from 'zod';
import { IdSchema } from '../domain/family.ts';
import { spaceAccessLevels, spaceKinds } from '../collab/spaces.ts';

/** `GET .../members/:memberId/visibility`: what this member sees once signed in, as the policy decides. */
export const MemberVisibilitySchema = z.object({
  spaces: z.array(
    z.object({
      id: IdSchema,
      kind: z.enum(spaceKinds),
      title: z.string(),
      access: z.enum(spaceAccessLevels),
    }),
  ),
  /** Her access to the shared plan after an invitation with `sharePlan` left on. */
  planAccessWhenShared: z.enum(spaceAccessLevels),
  /** A professional excluded her from the plan before: the next invitation keeps her out unless told. */
  excludedFromPlan: z.boolean(),
  /** Consent to take part withdrawn: she opens no space whatever the audience says. */
  participationWithdrawn: z.boolean(),
  sharedItemCount: z.number().int(),
  visibleTeamCount: z.number().int(),
  invitedConcertationCount: z.number().int(),
});

/** What one member sees once signed in. */
export type MemberVisibility = z.infer<typeof MemberVisibilitySchema>;
