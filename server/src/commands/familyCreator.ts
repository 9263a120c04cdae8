import type { z } from 'zod';
import type { CreateFamilyRequestSchema } from '@concerto/shared';
import { inTransaction } from '../db/transaction.ts';
import { recordableFamilyDates } from './familyDatesRecorder.ts';
import { FamilyModel } from '../models/family.ts';
import { provisionDefaultSpaces } from './spaceProvisioner.ts';

/** Opens a family file; its creator joins the care team and the first stratum starts the history. */
export async function createFamily(creatorId: string, input: z.output<typeof CreateFamilyRequestSchema>) {
  const dates = recordableFamilyDates({ dueDate: null, birthDate: null }, input);
  const now = new Date();
  const fields = {
    label: input.label,
    members: input.members.map((member) => ({
      ...member,
      birthDate: member.birthDate ? new Date(member.birthDate) : null,
    })),
    ...dates,
    entryPoint: {
      kind: input.entryPoint.kind,
      place: input.entryPoint.place ?? null,
      at: input.entryPoint.at ? new Date(input.entryPoint.at) : now,
      byUserId: creatorId,
    },
    stratum: input.stratum,
    strataHistory: [
      { from: null, to: input.stratum, at: now, authorId: creatorId, reason: 'Ouverture du dossier' },
    ],
    team: [
      {
        professionalId: creatorId,
        functions: [],
        joinedAt: now,
        addedBy: creatorId,
        hiddenFromMemberIds: [],
      },
    ],
    createdBy: creatorId,
  };
  // A family file never exists without its spaces.
  return inTransaction(async (session) => {
    const [family] = await FamilyModel.create([fields], { session });
    await provisionDefaultSpaces(family!._id, creatorId, session);
    return family!;
  });
}
