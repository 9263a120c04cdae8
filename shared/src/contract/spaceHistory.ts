import { z } from 'zod';
import { PlanActionSchema } from '../collab/planDocument.ts';
import { IdSchema } from '../domain/family.ts';
import { NotesNodeSchema } from '../plan/notesTree.ts';

/** Why a version of a space was kept. */
export const versionReasons = ['automatic', 'named', 'concertationOpened', 'concertationClosed'] as const;

/** Someone who changed a space, as the caller may know her: a professional hidden from her has no name. */
export const EditAuthorSchema = z.object({
  kind: z.enum(['professional', 'familyMember', 'hidden']),
  name: z.string().nullable(),
});

/** Someone who changed a space. */
export type EditAuthor = z.infer<typeof EditAuthorSchema>;

/** One kept version of a space: when, why, its name, and who edited it since the previous version. */
export const SpaceVersionSchema = z.object({
  id: IdSchema,
  createdAt: z.string(),
  reason: z.enum(versionReasons),
  /** The name a professional gave it; automatic versions are named by the UI from their reason. */
  name: z.string().nullable(),
  /** For a concertation's versions: when the meeting was scheduled. */
  concertationAt: z.string().nullable(),
  namedBy: z.string().nullable(),
  authors: z.array(EditAuthorSchema),
});

/** One kept version of a space. */
export type SpaceVersion = z.infer<typeof SpaceVersionSchema>;

/** `GET /api/families/:id/spaces/:spaceId/history`. */
export const SpaceHistorySchema = z.object({
  spaceId: IdSchema,
  kind: z.string(),
  title: z.string(),
  /** Newest first. */
  versions: z.array(SpaceVersionSchema),
  /** Who changed the space since its newest version (not yet in any version). */
  editedSince: z.array(EditAuthorSchema),
  canName: z.boolean(),
});

/** A space's history. */
export type SpaceHistory = z.infer<typeof SpaceHistorySchema>;

/** `POST /api/families/:id/spaces/:spaceId/history`: keep the space as it is now under a name. */
export const NameVersionRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
});

/** A need or a goal as kept in a version. */
export const PlanEntryViewSchema = z.object({
  id: z.string(),
  text: z.string(),
  inFamilyWords: z.boolean(),
});

/** The parts of a plan whose changes are shown. */
export const planChangeLists = ['needs', 'goals', 'actions', 'notes'] as const;

/** One change between a version and now: an item added, removed or changed, and by whom. */
export const PlanChangeSchema = z.object({
  list: z.enum(planChangeLists),
  kind: z.enum(['added', 'removed', 'changed']),
  /** The item's id (`notes` for the notes). */
  id: z.string(),
  before: z.union([PlanActionSchema, PlanEntryViewSchema]).nullable(),
  after: z.union([PlanActionSchema, PlanEntryViewSchema]).nullable(),
  /** For a changed need, goal or action: which fields differ. */
  fields: z.array(z.string()),
  /** For the notes: the lines only in the version (removed since) and only now (added since). */
  linesRemoved: z.array(z.string()),
  linesAdded: z.array(z.string()),
  authors: z.array(EditAuthorSchema),
});

/** One change between a version and now. */
export type PlanChange = z.infer<typeof PlanChangeSchema>;

/** `GET /api/families/:id/spaces/:spaceId/history/:versionId`: the version's content and what changed since. */
export const VersionDetailSchema = z.object({
  version: SpaceVersionSchema,
  content: z.object({
    needs: z.array(PlanEntryViewSchema),
    goals: z.array(PlanEntryViewSchema),
    actions: z.array(PlanActionSchema),
    notes: z.string(),
    /** The notes with their structure and formatting, to restore them as they were. */
    notesTree: z.array(NotesNodeSchema),
  }),
  changes: z.array(PlanChangeSchema),
});

/** A version's content and its changes up to now. */
export type VersionDetail = z.infer<typeof VersionDetailSchema>;

/** One item of the plan changed by someone else since the reader's last visit. */
export const VisitMarkSchema = z.object({
  list: z.enum(planChangeLists),
  id: z.string(),
  kind: z.enum(['added', 'changed']),
  authors: z.array(EditAuthorSchema),
});

/** One "changed since your last visit" mark. */
export type VisitMark = z.infer<typeof VisitMarkSchema>;

/** `POST /api/families/:id/spaces/:spaceId/visits`: records this visit, answers what others changed since the last. */
export const VisitMarksSchema = z.object({
  /** The previous visit (null on a first visit: nothing is marked). */
  since: z.string().nullable(),
  marks: z.array(VisitMarkSchema),
});

/** What changed since the reader's last visit. */
export type VisitMarks = z.infer<typeof VisitMarksSchema>;
