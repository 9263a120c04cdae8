import { addDays, type ContactKind, type ContactPlace } from '@concerto/shared';
import { ContactModel } from '../models/contact.ts';
import type { FamilyModel } from '../models/family.ts';

type Family = InstanceType<typeof FamilyModel>;

/** The demo's usual rhythm of contacts with a family: who (by place on the team), what, where, how long, when. */
const rhythm: { daysAgo: number; kind: ContactKind; place: ContactPlace; minutes: number; by: number }[] = [
  { daysAgo: 45, kind: 'homeVisit', place: 'home', minutes: 90, by: 0 },
  { daysAgo: 30, kind: 'phone', place: 'remote', minutes: 20, by: 1 },
  { daysAgo: 14, kind: 'consultation', place: 'practice', minutes: 45, by: 0 },
  { daysAgo: 7, kind: 'homeVisit', place: 'home', minutes: 75, by: 1 },
  { daysAgo: 2, kind: 'accompaniment', place: 'elsewhere', minutes: 120, by: 0 },
];

/**
 * A few contacts of the team with the mother of a demo family (home visits, a call, a consultation, an
 * accompaniment), with an interpreter when she speaks another language: the contact log and the network
 * figures have something real to show after `npm start`.
 */
export async function seedDemoContacts(family: Family, today: Date): Promise<void> {
  const team = family.team.filter((membership) => !membership.endedAt);
  const mother = family.members[0];
  if (!mother || team.length === 0) return;
  const interpreted = mother.preferredLanguage !== 'fr' && mother.preferredLanguage !== 'nl';
  await ContactModel.insertMany(
    rhythm.map((contact) => {
      const professionalId = team[contact.by % team.length]!.professionalId;
      const day = addDays(today, -contact.daysAgo);
      return {
        familyId: family._id,
        date: new Date(`${day.toISOString().slice(0, 10)}T00:00:00Z`),
        kind: contact.kind,
        place: contact.place,
        durationMinutes: contact.minutes,
        professionalIds: [professionalId],
        memberIds: [mother._id],
        interpreter: interpreted,
        interpreterLanguage: interpreted ? mother.preferredLanguage : null,
        recordedBy: professionalId,
      };
    }),
  );
}
