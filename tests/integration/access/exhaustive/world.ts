import { TestApiClient, signIn } from '../../../support/apiClient.ts';
import {
  buildFamily,
  buildOrganisation,
  buildProfessional,
  inviteInterpreter,
  inviteMember,
  type BuiltProfessional,
} from '../../../support/factories.ts';

/** Strings written into the file that must never reach the identities not entitled to them. */
export const markers = {
  medical: 'MARKERMEDICALUNSHARED',
  medicalMother: 'MARKERMEDICALMOTHER',
  flag: 'MARKERFLAGNOTE',
  hiddenDecision: 'MARKERHIDDENDECISION',
  hiddenProfessional: 'MARKERHIDDENPROFESSIONAL',
} as const;

/** One of the markers. */
export type Marker = keyof typeof markers;

/** Who calls: a client (or none), whether they should reach the family file, and what they must never get. */
export interface Identity {
  client: TestApiClient;
  /** On the care team or a member of the family (reads of the family answer 200). */
  insider: boolean;
  /** A guest's one-meeting pass: every route answers 404 but those made for it, and only her room opens. */
  guest?: boolean;
  forbidden: readonly Marker[];
}

const everything: readonly Marker[] = [
  'medical',
  'medicalMother',
  'flag',
  'hiddenDecision',
  'hiddenProfessional',
];
// Colleagues may find any professional in the directory of accounts: only the partner and those with no
// account must never learn the hidden professional's name.
const outsiderProfessional: readonly Marker[] = ['medical', 'medicalMother', 'flag', 'hiddenDecision'];

/**
 * The seeded world: one family with a protected mother, the ids the routes need, and fourteen identities
 * (two of them interpreters' one-meeting passes: the open meeting's, and a later meeting's).
 */
export async function buildWorld(
  baseUrl: string,
  admin: TestApiClient,
  minimalBodyOf: (method: string, path: string) => unknown,
) {
  const hospital = String((await buildOrganisation({ kind: 'hospital' }))._id);
  const cpas = String((await buildOrganisation({ kind: 'cpas' }))._id);
  const support = String((await buildOrganisation({ kind: 'familySupport' }))._id);
  const pro = (healthRole: 'A' | 'B', organisationId: string, extra: Record<string, unknown> = {}) =>
    buildProfessional(baseUrl, { healthRole, organisationId, ...extra });
  const roleAOnTeam = await pro('A', hospital, { displayName: 'Sage-femme Équipe' });
  const roleBOnTeam = await pro('B', cpas, { displayName: 'AS Équipe' });
  const roleAOffTeam = await pro('A', hospital);
  const roleBOffTeam = await pro('B', cpas);
  const accessManagerB = await pro('B', cpas, { accessManager: true });
  const removed = await pro('A', hospital);
  const hiddenProfessional = await pro('B', support, { displayName: markers.hiddenProfessional });
  const candidate: BuiltProfessional = await pro('A', hospital);

  const family = await buildFamily(roleAOnTeam.client, {
    members: [
      { displayName: 'Maria', role: 'pregnantPerson', preferredLanguage: 'fr' },
      { displayName: 'Tom', role: 'secondParent', preferredLanguage: 'fr' },
      { displayName: 'Léa', role: 'chosenPerson', preferredLanguage: 'fr' },
    ],
  });
  const [mother, partner, withdrawn] = family.members.map((member) => member.id) as [string, string, string];
  const team = `/families/${family.id}/team`;
  const lead = roleAOnTeam.client;
  for (const professionalId of [roleBOnTeam.id, removed.id]) await lead.post(team, { professionalId });
  await lead.post(team, { professionalId: hiddenProfessional.id, hiddenFromMemberIds: [partner] });
  await lead.delete(`${team}/${removed.id}`);
  await lead.post(`/families/${family.id}/functions`, {
    function: 'caseManager',
    professionalId: hiddenProfessional.id,
    reason: 'Danger pour la mère',
  });
  await lead.post(`/families/${family.id}/functions`, {
    function: 'coordinator',
    professionalId: roleAOnTeam.id,
  });
  await lead.post(`/families/${family.id}/indicators`, {
    key: 'psychologicalWellbeing',
    aboutMemberId: mother,
    note: markers.medical,
  });
  await lead.post(`/families/${family.id}/indicators`, {
    key: 'violence',
    aboutMemberId: mother,
    note: markers.medicalMother,
    sharedWithMemberIds: [mother],
  });
  // An assessment shared with both parents: its clinical observations are Role A's, and the partner never
  // learns of the professional hidden from him through its formal network.
  const assessment = await lead.post(`/families/${family.id}/assessments`, {
    at: new Date().toISOString().slice(0, 10),
    setting: 'home',
    needs: 'Un logement sûr',
    formalNetwork: [{ name: markers.hiddenProfessional, professionalId: hiddenProfessional.id }],
    clinicalObservations: markers.medical,
    sharedWithMemberIds: [mother, partner],
  });
  if (assessment.status !== 201) throw new Error(`seeding failed: ${assessment.text}`);
  await roleBOnTeam.client.post(`/families/${family.id}/flags`, {
    indicatorKey: 'violence',
    note: markers.flag,
  });
  const concertation = await lead.post(`/families/${family.id}/concertations`, {
    scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    remote: true,
    agenda: [{ title: 'Besoins' }, { title: 'Décisions' }],
    invitedProfessionalIds: [roleBOnTeam.id],
    invitedMemberIds: [mother, partner, withdrawn],
  });
  await lead.patch(`/concertations/${concertation.body.id}`, { status: 'open' });
  const decision = await lead.post(`/families/${family.id}/decisions`, {
    concertationId: concertation.body.id,
    what: `Mise à l'abri ${markers.hiddenDecision}`,
    hiddenFromMemberIds: [partner],
  });
  // Directory entries are kept by access managers; a bassin's meeting names its bassin (a refinement).
  const directory = await accessManagerB.client.post('/directory', minimalBodyOf('post', '/directory'));
  const meeting = await lead.post('/network-meetings', {
    ...(minimalBodyOf('post', '/network-meetings') as object),
    bassin: 'bruxellesNord',
  });
  if (directory.status !== 201 || meeting.status !== 201)
    throw new Error(`seeding failed: ${directory.text} ${meeting.text}`);
  const view = (await lead.get(`/families/${family.id}`)).body;
  const spaces = (await lead.get(`/families/${family.id}/spaces`)).body as { id: string; kind: string }[];
  const healthSpace = spaces.find((space) => space.kind === 'health')?.id ?? spaces[0]!.id;
  const version = await lead.post(`/families/${family.id}/spaces/${healthSpace}/history`, { name: 'Avant' });
  if (version.status !== 201) throw new Error(`seeding failed: ${version.text}`);
  // Documents carrying the medical marker: a medical letter on the file (shared with nobody), one in health.
  const letter = Buffer.from(`%PDF-1.4\n% ${markers.medical}\n%%EOF\n`, 'latin1');
  const attachment = await lead.upload(
    `/families/${family.id}/attachments?category=medical&name=lettre.pdf`,
    letter,
    'application/pdf',
  );
  const inHealth = await lead.upload(
    `/families/${family.id}/attachments?spaceId=${healthSpace}`,
    letter,
    'application/pdf',
  );
  if (attachment.status !== 201 || inHealth.status !== 201)
    throw new Error(`seeding failed: ${attachment.text} ${inHealth.text}`);

  const motherClient = await inviteMember(baseUrl, lead, family.id, mother);
  const partnerClient = await inviteMember(baseUrl, lead, family.id, partner);
  const withdrawnClient = await inviteMember(baseUrl, lead, family.id, withdrawn);
  for (const scope of ['concertation', 'teamSharing'])
    await withdrawnClient.post(`/families/${family.id}/consents`, {
      memberId: withdrawn,
      scope,
      granted: false,
    });
  // An interpreter let into the open meeting only; and one of another meeting of the same family.
  const interpreter = await inviteInterpreter(baseUrl, lead, String(concertation.body.id));
  const laterMeeting = await lead.post(`/families/${family.id}/concertations`, {
    scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    place: 'Maison médicale',
    agenda: [{ title: 'Suivi' }],
  });
  if (laterMeeting.status !== 201) throw new Error(`seeding failed: ${laterMeeting.text}`);
  const otherMeetingInterpreter = await inviteInterpreter(baseUrl, lead, String(laterMeeting.body.id), {
    name: 'Yonas Tesfaye',
    language: 'tigrinya',
  });
  // A pass nobody redeemed: the one the routes that withdraw a pass are called on.
  const sparePass = await lead.post(`/concertations/${concertation.body.id}/interpreters`, {
    name: 'Interprète de réserve',
    language: 'dari',
  });
  if (sparePass.status !== 201) throw new Error(`seeding failed: ${sparePass.text}`);
  const otherFamily = await buildFamily(roleAOffTeam.client);
  const otherMember = await inviteMember(
    baseUrl,
    roleAOffTeam.client,
    otherFamily.id,
    otherFamily.members[0]!.id,
  );

  const identities: Record<string, Identity> = {
    anonymous: { client: new TestApiClient(baseUrl), insider: false, forbidden: everything },
    admin: { client: admin, insider: false, forbidden: outsiderProfessional },
    roleAOnTeam: { client: lead, insider: true, forbidden: [] },
    roleBOnTeam: {
      client: roleBOnTeam.client,
      insider: true,
      forbidden: ['medical', 'medicalMother', 'flag'],
    },
    roleAOffTeam: { client: roleAOffTeam.client, insider: false, forbidden: outsiderProfessional },
    roleBOffTeam: { client: roleBOffTeam.client, insider: false, forbidden: outsiderProfessional },
    accessManagerB: { client: accessManagerB.client, insider: false, forbidden: outsiderProfessional },
    removedProfessional: { client: removed.client, insider: false, forbidden: outsiderProfessional },
    mother: { client: motherClient, insider: true, forbidden: ['medical', 'flag'] },
    partner: { client: partnerClient, insider: true, forbidden: everything },
    withdrawnMember: {
      client: withdrawnClient,
      insider: true,
      forbidden: ['medical', 'medicalMother', 'flag'],
    },
    otherFamilyMember: { client: otherMember, insider: false, forbidden: everything },
    interpreter: { client: interpreter.client, insider: false, guest: true, forbidden: everything },
    otherMeetingInterpreter: {
      client: otherMeetingInterpreter.client,
      insider: false,
      guest: true,
      forbidden: everything,
    },
  };
  return {
    identities,
    ids: {
      family: family.id,
      mother,
      concertation: String(concertation.body.id),
      decision: String(decision.body.id),
      directory: String(directory.body.id),
      meeting: String(meeting.body.id),
      hospital,
      indicator: String(view.indicators?.[0]?.id ?? family.id),
      assessment: String(assessment.body.id),
      space: healthSpace,
      version: String(version.body.id),
      attachment: String(attachment.body.id),
      spaces,
      hiddenProfessional: hiddenProfessional.id,
      candidate: candidate.id,
      staff: roleAOffTeam.id,
      sparePass: String(sparePass.body.id),
    },
    signInAgain: (email: string, password: string) => signIn(baseUrl, email, password),
  };
}

/** The seeded world. */
export type World = Awaited<ReturnType<typeof buildWorld>>;
