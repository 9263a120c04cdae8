import type mongoose from 'mongoose';
import { addDays, daysOfPregnancyFromLastPeriod, strata, type Stratum } from '@concerto/shared';
import { ConcertationModel } from '../models/concertation.ts';
import { seedCohortContacts } from './demoCohortContacts.ts';
import { DirectoryEntryModel } from '../models/directoryEntry.ts';
import { FamilyModel } from '../models/family.ts';
import { ReferralModel } from '../models/referral.ts';
import { UserModel } from '../models/user.ts';

/**
 * The rest of the demo network's case-load: forty more fictional families followed by colleagues of the
 * demo accounts, so that the network figures have real counts to show, and small ones to hide. The demo
 * accounts' own lists keep their four families.
 */

/** Colleagues who follow the cohort (Role B: the figures never need medical data). */
const colleagues = [
  {
    key: 'H',
    organisation: 'hospital',
    displayName: 'Inès Vandamme',
    profession: 'Assistante sociale (maternité)',
  },
  { key: 'G', organisation: 'medicalHouse', displayName: 'Julien Leclercq', profession: 'Assistant social' },
  { key: 'C', organisation: 'cpas', displayName: 'Thomas Leroy', profession: 'Assistant social' },
  {
    key: 'O',
    organisation: 'one',
    displayName: 'Sarah Mertens',
    profession: "PEP's (Partenaire Enfants-Parents)",
  },
] as const;
type ColleagueKey = (typeof colleagues)[number]['key'];

const surnames = [
  'Aydin',
  'Bah',
  'Claes',
  'Dumont',
  'Engels',
  'Fontaine',
  'Goossens',
  'Hermans',
  'Idrissi',
  'Jacobs',
  'Kabongo',
  'Lemaire',
  'Mahieu',
  'Nowak',
  'Ouali',
  'Pauwels',
  'Renard',
  'Simon',
  'Tshibanda',
  'Urbain',
  'Verbeke',
  'Wouters',
  'Yilmaz',
  'Zeroual',
  'Baert',
  'Cornet',
  'Delvaux',
  'Evrard',
  'François',
  'Gilson',
  'Haddad',
  'Istas',
  'Joris',
  'Kaya',
  'Lambotte',
  'Marchal',
  'Nys',
  'Orban',
  'Piron',
  'Quinet',
];
const firstNames = ['Sara', 'Mariam', 'Lisa', 'Aïcha', 'Elif', 'Chloé', 'Fatima', 'Julie', 'Grace', 'Nora'];

// Patterns repeated along the cohort; their lengths differ so the combinations vary.
const strataCycle: Stratum[] = [
  'lowRisk',
  'lowRisk',
  'specific',
  'lowRisk',
  'complex',
  'specific',
  'lowRisk',
  'specific',
  'lowRisk',
  'danger',
  'lowRisk',
  'specific',
  'complex',
  'lowRisk',
  'specific',
  'refusal',
  'lowRisk',
  'complex',
  'specific',
  'lowRisk',
];
const screeningCycle = ['T1', 'T1', 'T2', 'T1', 'none', 'T1', 'T2', 'T3', 'T1', 'T2', 'T1', 'none'] as const;
const followersCycle: ColleagueKey[][] = [['H', 'C'], ['G', 'O'], ['O', 'C'], ['H', 'G'], ['C']];
// The outcome and the days to it of the cohort's forty referrals (open: none yet), spread over the families.
const cohortReferrals = [
  ...Array.from({ length: 14 }, (_, index) => ['takenInCharge', 2 + (index % 6)] as const),
  ...Array.from({ length: 8 }, (_, index) => ['contactMade', 1 + (index % 7)] as const),
  ...Array.from({ length: 6 }, (_, index) => ['contactMade', 9 + index * 3] as const),
  ...Array.from({ length: 3 }, () => ['declined', 20] as const),
  ...Array.from({ length: 2 }, () => ['noAnswer', 25] as const),
  ...Array.from({ length: 7 }, () => ['open', 0] as const),
];
const presenceCycle = ['onSite', 'remote', 'onSite', 'absent', 'remote', 'onSite'] as const;

/** The gestational day (from the last period) at which a screening of this kind is dated. */
const screeningDay = { T1: 80, T2: 150, T3: 215 } as const;

interface CohortContext {
  organisationIds: Map<string, mongoose.Types.ObjectId>;
  passwordHash: string;
  today: Date;
}

/** Adds the cohort's colleagues, families, referrals and held concertations (demo data only). */
export async function seedDemoCohort({ organisationIds, passwordHash, today }: CohortContext): Promise<void> {
  const colleagueIds = new Map<ColleagueKey, mongoose.Types.ObjectId>();
  for (const colleague of colleagues) {
    const created = await UserModel.create({
      kind: 'professional',
      email: `${colleague.displayName.split(' ')[0]!.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')}@concerto.demo`,
      passwordHash,
      displayName: colleague.displayName,
      profession: colleague.profession,
      organisationId: organisationIds.get(colleague.organisation),
      healthRole: 'B',
    });
    colleagueIds.set(colleague.key, created._id);
  }
  const services = await DirectoryEntryModel.find({}, { name: 1, kind: 1 }).limit(8).lean();
  for (const [index, surname] of surnames.entries()) {
    const followers = followersCycle[index % followersCycle.length]!.map((key) => colleagueIds.get(key)!);
    const family = await createCohortFamily(index, surname, followers, today);
    const mother = family.members[0]!._id;
    await seedCohortContacts(index, family, followers[0]!, today);
    if (services.length > 0) {
      // 17 is prime to 40: each outcome once, in an order unrelated to the other cycles.
      const [status, delay] = cohortReferrals[(index * 17) % cohortReferrals.length]!;
      const service = services[index % services.length]!;
      const createdAt = addDays(today, -(status === 'open' ? 35 + index : delay + 5 + index * 2));
      const outcomeAt = addDays(createdAt, delay);
      const history = [{ from: null, to: 'proposed', at: createdAt, by: 'Équipe', note: 'Orientation' }];
      if (status !== 'open')
        history.push({ from: 'proposed', to: status, at: outcomeAt, by: 'Équipe', note: '' } as never);
      await new ReferralModel({
        familyId: family._id,
        memberId: mother,
        entryId: service._id,
        entryName: service.name,
        entryKind: service.kind,
        reason: 'Orientation proposée lors du suivi',
        status: status === 'open' ? 'proposed' : status,
        followUpDate: addDays(createdAt, 14),
        createdBy: followers[0],
        history,
        lastUpdateAt: status === 'open' ? createdAt : outcomeAt,
        createdAt,
        updatedAt: status === 'open' ? createdAt : outcomeAt,
      }).save({ timestamps: false });
    }
    if (
      family.stratum === 'complex' ||
      family.stratum === 'danger' ||
      family.stratum === 'refusal' ||
      index % 3 === 0
    ) {
      const presence = presenceCycle[index % presenceCycle.length]!;
      const held = addDays(today, -(10 + index * 4));
      await ConcertationModel.create({
        familyId: family._id,
        scheduledAt: held,
        durationMinutes: 60,
        remote: presence === 'remote',
        organiserId: followers[0],
        invitedProfessionalIds: followers,
        invitedMemberIds: [mother],
        status: 'closed',
        startedAt: held,
        closedAt: new Date(held.getTime() + 3_600_000),
        attendance: [
          {
            participantKind: 'familyMember',
            participantId: String(mother),
            name: family.members[0]!.displayName,
            status: presence === 'absent' ? 'absent' : 'present',
            mode: presence === 'absent' ? null : presence,
          },
          ...followers.map((id) => ({
            participantKind: 'professional',
            participantId: String(id),
            name: 'Équipe',
            status: 'present',
            mode: 'onSite',
          })),
        ],
      });
    }
  }
}

async function createCohortFamily(
  index: number,
  surname: string,
  followers: mongoose.Types.ObjectId[],
  today: Date,
) {
  const stratum = strataCycle[index % strataCycle.length] ?? strata[0];
  // A quarter each: early and late pregnancy, the first weeks after birth, early childhood.
  const phase = index % 4;
  const birthDate =
    phase === 2
      ? addDays(today, -(5 + (index % 30)))
      : phase === 3
        ? addDays(today, -(60 + index * 9))
        : null;
  const dueDate = birthDate
    ? addDays(birthDate, 4)
    : addDays(today, phase === 0 ? 30 + (index % 50) : 110 + (index % 40));
  const wanted = screeningCycle[index % screeningCycle.length]!;
  const conception = addDays(dueDate, -daysOfPregnancyFromLastPeriod);
  let screenedAt: Date | null = null;
  if (wanted !== 'none') {
    screenedAt = addDays(conception, screeningDay[wanted]);
    // Not yet at that week: screened earlier; born long ago and never screened in pregnancy: after birth.
    if (screenedAt > today) screenedAt = addDays(conception, screeningDay.T1);
    if (birthDate && index % 8 === 7) screenedAt = addDays(birthDate, 10);
  }
  const creator = followers[0]!;
  const opened = addDays(screenedAt ?? today, -7);
  return FamilyModel.create({
    label: `Famille ${surname}`,
    members: [{ displayName: `${firstNames[index % firstNames.length]} ${surname}`, role: 'pregnantPerson' }],
    dueDate,
    birthDate,
    entryPoint: { kind: 'initialAssessment', place: 'Consultation', at: opened, byUserId: creator },
    stratum,
    strataHistory: [
      { from: null, to: stratum, at: opened, authorId: creator, reason: 'Ouverture du dossier' },
    ],
    screening: screenedAt
      ? { scenario: stratum === 'lowRisk' ? 'O' : 'A', at: screenedAt, recordedBy: creator }
      : null,
    team: followers.map((professionalId, position) => ({
      professionalId,
      functions: position > 0 ? [] : stratum === 'lowRisk' ? ['referent'] : ['coordinator'],
      joinedAt: opened,
      addedBy: creator,
    })),
    createdBy: creator,
  });
}
