import type mongoose from 'mongoose';
import type { Logger } from 'pino';
import {
  addDays,
  DirectoryEntryInputSchema,
  type IndicatorKey,
  type Stratum,
  type TeamFunction,
  indicatorCategories,
} from '@concerto/shared';
import { hashPassword } from '../auth/passwords.ts';
import { searchTextOf } from '../commands/directoryKeeper.ts';
import { DirectoryEntryModel } from '../models/directoryEntry.ts';
import { demoDirectory } from './demoDirectory.ts';
import { seedDemoPlan } from './demoPlan.ts';
import { seedDemoContacts } from './demoContacts.ts';
import { seedDemoCohort } from './demoCohort.ts';
import { FamilyModel } from '../models/family.ts';
import { FlagModel } from '../models/flag.ts';
import { FunctionAssignmentModel } from '../models/functionAssignment.ts';
import { OrganisationModel } from '../models/organisation.ts';
import { UserModel } from '../models/user.ts';
import { demoAdminEmail, demoOrganisations, demoPassword, demoProfessionals } from './demoAccounts.ts';

type ProfessionalKey = (typeof demoProfessionals)[number]['key'];

interface DemoFamily {
  label: string;
  stratum: Stratum;
  dueInDays?: number;
  bornDaysAgo?: number;
  members: {
    displayName: string;
    role: 'pregnantPerson' | 'secondParent' | 'child';
    preferredLanguage: string;
    interpreterNeeded?: boolean;
  }[];
  team: { who: ProfessionalKey; functions: TeamFunction[]; hiddenFrom?: number[] }[];
  indicators: {
    key: IndicatorKey;
    by: ProfessionalKey;
    about?: number;
    note: string;
    sharedWith?: number[];
  }[];
  scenario?: 'O' | 'A' | 'B';
}

const families: DemoFamily[] = [
  {
    label: 'Famille Benali',
    stratum: 'complex',
    dueInDays: 35,
    members: [
      {
        displayName: 'Amina Benali',
        role: 'pregnantPerson',
        preferredLanguage: 'ar',
        interpreterNeeded: true,
      },
      { displayName: 'Youssef Benali', role: 'secondParent', preferredLanguage: 'fr' },
    ],
    team: [
      { who: 'midwife', functions: ['coordinator'] },
      { who: 'gp', functions: ['referent'] },
      { who: 'socialWorker', functions: [] },
    ],
    indicators: [
      {
        key: 'housing',
        by: 'socialWorker',
        note: 'Logement surpeuplé, demande de logement social en cours',
        sharedWith: [0, 1],
      },
      {
        key: 'communication',
        by: 'midwife',
        about: 0,
        note: 'Parle arabe, interprète nécessaire pour les consultations',
        sharedWith: [0],
      },
      {
        key: 'psychologicalWellbeing',
        by: 'midwife',
        about: 0,
        note: 'Anxiété importante au 3e trimestre (EPDS 14)',
      },
    ],
    scenario: 'B',
  },
  {
    label: 'Famille Janssens',
    stratum: 'lowRisk',
    bornDaysAgo: 20,
    members: [
      { displayName: 'Emma Janssens', role: 'pregnantPerson', preferredLanguage: 'nl' },
      { displayName: 'Noor Janssens', role: 'child', preferredLanguage: 'nl' },
    ],
    team: [
      { who: 'peps', functions: ['referent'] },
      { who: 'gp', functions: [] },
    ],
    indicators: [
      { key: 'socialSupport', by: 'peps', about: 0, note: 'Bon entourage familial', sharedWith: [0] },
    ],
    scenario: 'O',
  },
  {
    label: 'Famille Diallo',
    stratum: 'specific',
    dueInDays: 200,
    members: [{ displayName: 'Fatou Diallo', role: 'pregnantPerson', preferredLanguage: 'fr' }],
    team: [
      { who: 'gp', functions: [] },
      { who: 'socialWorker', functions: [] },
    ],
    indicators: [
      { key: 'residenceStatus', by: 'socialWorker', about: 0, note: 'Demande de régularisation en cours' },
      { key: 'income', by: 'socialWorker', about: 0, note: 'Sans revenu, aide du CPAS demandée' },
    ],
  },
  {
    label: 'Famille Moreau',
    stratum: 'danger',
    bornDaysAgo: 150,
    members: [
      { displayName: 'Julie Moreau', role: 'pregnantPerson', preferredLanguage: 'fr' },
      { displayName: 'Kevin Moreau', role: 'secondParent', preferredLanguage: 'fr' },
      { displayName: 'Léa Moreau', role: 'child', preferredLanguage: 'fr' },
    ],
    team: [
      { who: 'psychologist', functions: ['caseManager', 'coordinator'] },
      { who: 'midwife', functions: ['referent'] },
      { who: 'socialWorker', functions: [], hiddenFrom: [1] },
    ],
    indicators: [
      {
        key: 'violence',
        by: 'psychologist',
        about: 0,
        note: 'Violences conjugales rapportées par Julie; plan de mise en sécurité',
        sharedWith: [0],
      },
      { key: 'housing', by: 'socialWorker', note: 'Recherche d’un hébergement d’urgence' },
    ],
    scenario: 'B',
  },
];

/** Loads demo organisations, professionals and families into an empty database (development only). */
export async function seedDemoData(logger: Logger, today = new Date()): Promise<void> {
  if ((await UserModel.estimatedDocumentCount()) > 0) return;
  const passwordHash = await hashPassword(demoPassword);
  await UserModel.create({
    kind: 'admin',
    email: demoAdminEmail,
    passwordHash,
    displayName: 'Administration Concerto',
  });
  const organisationIds = new Map<string, mongoose.Types.ObjectId>();
  for (const organisation of demoOrganisations) {
    const { key, ...fields } = organisation;
    const created = await OrganisationModel.create(fields);
    organisationIds.set(key, created._id);
  }
  const userIds = new Map<ProfessionalKey, string>();
  for (const professional of demoProfessionals) {
    const { key, organisation, ...fields } = professional;
    const created = await UserModel.create({
      ...fields,
      kind: 'professional',
      passwordHash,
      organisationId: organisationIds.get(organisation),
    });
    userIds.set(key, String(created._id));
  }
  for (const demo of families) await createDemoFamily(demo, userIds, today);
  await DirectoryEntryModel.insertMany(
    demoDirectory.map((input, index) => {
      const entry = DirectoryEntryInputSchema.parse(input);
      // A few services are saturated, as the field reports every week.
      const availability =
        index % 4 === 1
          ? {
              status: 'waitingList',
              note: 'Environ 3 semaines d’attente',
              updatedAt: addDays(today, -3),
              updatedBy: 'Nadia El Amrani',
            }
          : null;
      return { ...entry, availability, organisationId: null, searchText: searchTextOf(entry) };
    }),
  );
  await seedDemoCohort({ organisationIds, passwordHash, today });
  logger.info(
    { families: families.length, professionals: demoProfessionals.length },
    'demo data loaded (password: see README)',
  );
}

async function createDemoFamily(
  demo: DemoFamily,
  userIds: Map<ProfessionalKey, string>,
  today: Date,
): Promise<void> {
  const creator = userIds.get(demo.team[0]!.who)!;
  const family = new FamilyModel({
    label: demo.label,
    members: demo.members,
    dueDate:
      demo.dueInDays !== undefined
        ? addDays(today, demo.dueInDays)
        : addDays(today, -(demo.bornDaysAgo ?? 0) + 3),
    birthDate: demo.bornDaysAgo !== undefined ? addDays(today, -demo.bornDaysAgo) : null,
    entryPoint: {
      kind: 'initialAssessment',
      place: 'Consultation prénatale',
      at: addDays(today, -60),
      byUserId: creator,
    },
    stratum: demo.stratum,
    strataHistory: [
      {
        from: null,
        to: demo.stratum === 'lowRisk' ? 'lowRisk' : 'specific',
        at: addDays(today, -60),
        authorId: creator,
        reason: 'Ouverture du dossier',
      },
    ],
    createdBy: creator,
  });
  if (demo.stratum !== 'lowRisk' && demo.stratum !== 'specific') {
    family.strataHistory.push({
      from: 'specific',
      to: demo.stratum,
      at: addDays(today, -20),
      authorId: creator,
      reason: 'Plusieurs vulnérabilités qui interagissent; concertation nécessaire',
    });
  }
  const memberId = (index: number) => family.members[index]!._id;
  for (const membership of demo.team) {
    family.team.push({
      professionalId: userIds.get(membership.who),
      functions: membership.functions,
      joinedAt: addDays(today, -55),
      addedBy: creator,
      hiddenFromMemberIds: (membership.hiddenFrom ?? []).map(memberId),
    });
  }
  for (const indicator of demo.indicators) {
    family.indicators.push({
      key: indicator.key,
      category: indicatorCategories[indicator.key],
      aboutMemberId: indicator.about !== undefined ? memberId(indicator.about) : null,
      note: indicator.note,
      recordedBy: userIds.get(indicator.by),
      recordedAt: addDays(today, -30),
      sharedWithMemberIds: (indicator.sharedWith ?? []).map(memberId),
    });
  }
  for (const member of family.members) {
    family.consents.push({
      memberId: member._id,
      scope: 'teamSharing',
      granted: true,
      at: addDays(today, -58),
      throughUserId: creator,
    });
  }
  if (demo.scenario) {
    family.screening = { scenario: demo.scenario, at: addDays(today, -50), recordedBy: creator } as never;
    family.services.push({
      service: 'screening',
      at: addDays(today, -50),
      deliveredBy: creator,
      note: `BIB ${demo.scenario}`,
    });
  }
  await family.save();
  // The functions shown on the team come from their history, as in real use.
  const mother = family.members[0]!;
  for (const membership of demo.team) {
    for (const held of membership.functions) {
      const start = addDays(today, -50);
      await FunctionAssignmentModel.create({
        familyId: family._id,
        function: held,
        professionalId: userIds.get(membership.who),
        start,
        expectedEnd: held === 'coordinator' ? addDays(start, 365) : null,
        chosenBy:
          held === 'referent'
            ? { kind: 'familyMember', id: String(mother._id), displayName: mother.displayName }
            : { kind: 'team', id: creator, displayName: 'Équipe' },
        reason: held === 'caseManager' ? 'Danger identifié pour l’enfant : prise en charge renforcée' : null,
      });
    }
  }
  if (demo.label === 'Famille Benali') {
    const owner = userIds.get('midwife')!;
    await seedDemoPlan(
      family,
      { id: owner, name: 'Sophie Lambert' },
      addDays(today, 20).toISOString().slice(0, 10),
    );
  }
  await seedDemoContacts(family, today);
  if (demo.label === 'Famille Diallo') {
    await FlagModel.create({
      familyId: family._id,
      indicatorKey: 'violence',
      note: 'Ecchymoses remarquées lors de la visite; à vérifier par un soignant',
      raisedBy: userIds.get('socialWorker'),
      raisedAt: addDays(today, -5),
    });
  }
}
