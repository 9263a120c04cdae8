import mongoose, { type ClientSession } from 'mongoose';
import { defaultAudience, type SpaceKind } from '@concerto/shared';
import { SpaceModel } from '../models/space.ts';

/** The spaces every family file has, with their default audiences; titles are shown translated by the client. */
const defaultSpaces: { kind: SpaceKind; title: string }[] = [
  { kind: 'sharedPlan', title: "Plan de soins et d'accompagnement" },
  { kind: 'teamNotes', title: "Notes de l'équipe" },
  { kind: 'health', title: 'Santé (rôle A)' },
];

/** Creates the shared plan, team notes and health spaces of a family if they do not exist yet. */
export async function provisionDefaultSpaces(
  familyId: mongoose.Types.ObjectId,
  createdBy: string | null,
  session: ClientSession | null = null,
): Promise<void> {
  const existing = await SpaceModel.find({ familyId, kind: mongoose.trusted({ $ne: 'custom' }) }, { kind: 1 })
    .session(session)
    .lean();
  const missing = defaultSpaces.filter((space) => !existing.some((found) => found.kind === space.kind));
  if (missing.length === 0) return;
  await SpaceModel.insertMany(
    missing.map((space) => ({
      familyId,
      kind: space.kind,
      title: space.title,
      audience: defaultAudience(space.kind),
      createdBy,
    })),
    { session },
  );
}
