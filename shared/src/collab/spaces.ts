import { z } from 'zod';
import { RecordVersionSchema } from '../contract/versions.ts';
import { IdSchema } from '../domain/family.ts';

/** How someone may use a space's document: nothing, read it, add their own words and comments, or edit it all. */
export const spaceAccessLevels = ['none', 'read', 'contribute', 'write'] as const;
/** One access level to a space. */
export type SpaceAccess = (typeof spaceAccessLevels)[number];

/** The kinds of space a family file has. */
export const spaceKinds = ['sharedPlan', 'teamNotes', 'health', 'custom', 'networkNotes'] as const;
/** One kind of space. */
export type SpaceKind = (typeof spaceKinds)[number];

/** Who among the care team is in the audience. */
export const teamAudiences = ['allTeam', 'roleA', 'selected', 'none'] as const;

/** A space's audience: which professionals of the care team, which family members one by one, and how. */
export const SpaceAudienceSchema = z.strictObject({
  team: z.enum(teamAudiences),
  /** With `team: 'selected'`, the professionals in the audience (they still need a therapeutic link). */
  professionalIds: z.array(IdSchema).max(50).default([]),
  teamAccess: z.enum(['read', 'write']).default('write'),
  /** Per-professional exceptions, e.g. read-only for one member of the team. */
  professionalAccess: z
    .array(z.strictObject({ professionalId: IdSchema, access: z.enum(['read', 'write']) }))
    .max(50)
    .default([]),
  /** Family members, chosen member by member; never "the family" as a block. */
  members: z
    .array(z.strictObject({ memberId: IdSchema, access: z.enum(['read', 'contribute', 'write']) }))
    .max(20)
    .default([]),
});

/** A space's audience. */
export type SpaceAudience = z.infer<typeof SpaceAudienceSchema>;

/** `POST /api/families/:id/spaces` body: a space for a precise audience. */
export const CreateSpaceRequestSchema = z.strictObject({
  title: z.string().trim().min(1).max(120),
  audience: SpaceAudienceSchema,
});

/** `PATCH /api/families/:id/spaces/:spaceId` body. */
export const UpdateSpaceRequestSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(120).optional(),
    audience: SpaceAudienceSchema.optional(),
  })
  .refine((body) => body.title !== undefined || body.audience !== undefined, 'nothing to change');

/** A space as the API shows it, with the caller's own access. */
export const SpaceViewSchema = z.object({
  id: IdSchema,
  familyId: IdSchema,
  kind: z.enum(spaceKinds),
  title: z.string(),
  /** Only professionals on the team see the audience; a family member sees their own access only. */
  audience: SpaceAudienceSchema.optional(),
  myAccess: z.enum(spaceAccessLevels),
  /** The version of its title and audience, sent back with a change (If-Match). */
  version: RecordVersionSchema,
  canEditAudience: z.boolean(),
});

/** A space as the API shows it. */
export type SpaceView = z.infer<typeof SpaceViewSchema>;
