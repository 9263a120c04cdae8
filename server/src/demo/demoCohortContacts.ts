import type mongoose from 'mongoose';
import { addDays, usualPlace, type ContactKind } from '@concerto/shared';
import { ContactModel } from '../models/contact.ts';

/** How many contacts of each kind the cohort's family number `index` had (home visits from none to four). */
function contactsOf(index: number): [ContactKind, number][] {
  // Four home visits are rare (four families): a count the figures hide.
  const homeVisits = index % 5 === 4 && index % 10 !== 4 ? 2 : index % 5;
  return [
    ['homeVisit', homeVisits],
    ['phone', index % 3],
    ['consultation', index % 2 === 0 ? 1 : 0],
    // Accompanying a family to an appointment (seed 004, L807) is part of the work; video calls are rare
    // (three families): a count the figures hide.
    ['accompaniment', index % 4 === 1 ? 1 : 0],
    ['video', index % 17 === 0 ? 1 : 0],
  ];
}

const dayMs = 86_400_000;

/**
 * Records the contacts of one cohort family over the last hundred days, or since the birth when it is more
 * recent (a newborn's family is visited after the return home), by its first follower (demo data only).
 */
export async function seedCohortContacts(
  index: number,
  family: {
    _id: mongoose.Types.ObjectId;
    birthDate?: Date | null;
    members: { _id: mongoose.Types.ObjectId }[];
  },
  professionalId: mongoose.Types.ObjectId,
  today: Date,
): Promise<void> {
  const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const sinceBirth = family.birthDate ? Math.floor((day.getTime() - family.birthDate.getTime()) / dayMs) : 0;
  const window = sinceBirth > 3 ? Math.min(97, sinceBirth) : 97;
  const records = contactsOf(index).flatMap(([kind, count]) =>
    Array.from({ length: count }, (_, number) => ({
      familyId: family._id,
      date: addDays(day, -(1 + ((index * 7 + number * 19) % (window - 1)))),
      kind,
      place: usualPlace[kind],
      durationMinutes: kind === 'homeVisit' ? 75 : kind === 'phone' ? 15 : 45,
      professionalIds: [professionalId],
      memberIds: [family.members[0]!._id],
      recordedBy: professionalId,
    })),
  );
  if (records.length > 0) await ContactModel.insertMany(records);
}
