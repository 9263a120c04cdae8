import type { z } from 'zod';
import type { CreateFamilyRequestSchema } from '@concerto/shared';
import { HttpError } from '../http/errors.ts';
import { FamilyModel } from '../models/family.ts';
import { provisionDefaultSpaces } from './spaceProvisioner.ts';

/** Opens a family file; its creator joins the care team and the first stratum starts the history. */
export async function createFamily(creatorId: string, input: z.output<typeof CreateFamilyRequestSchema>) {
  if (!input.dueDate && !input.birthDate) {
    throw new HttpError(
      400,
      'invalid_request',
      'Give the due date or the birth date: the phase and day of 1000 follow from it.',
      [{ path: 'dueDate', message: 'due date or birth date required' }],
    );
  }
  const now = new Date();
  const family = await FamilyModel.create({
    label: input.label,
    members: input.members.map((member) => ({
      ...member,
      birthDate: member.birthDate ? new Date(member.birthDate) : null,
    })),
    dueDate: input.dueDate ? new Date(input.dueDate) : null,
    birthDate: input.birthDate ? new Date(input.birthDate) : null,
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
  });
  await provisionDefaultSpaces(family._id, creatorId);
  return family;
}
