import type { organisationKinds } from '@concerto/shared';
import { hashPassword } from '../../server/src/auth/passwords.ts';
import { OrganisationModel } from '../../server/src/models/organisation.ts';
import { UserModel } from '../../server/src/models/user.ts';
import { signIn, TestApiClient } from './apiClient.ts';

/** The password of every account the factories create. */
export const factoryPassword = 'factory-password-1';
let passwordHash: Promise<string> | undefined;
let sequence = 0;

/** Creates an organisation directly in the database. */
export async function buildOrganisation(
  overrides: { name?: string; kind?: (typeof organisationKinds)[number] } = {},
) {
  sequence += 1;
  return OrganisationModel.create({
    name: overrides.name ?? `Organisation ${sequence}`,
    kind: overrides.kind ?? 'hospital',
  });
}

/** A professional account and an API client signed in as them. */
export interface BuiltProfessional {
  id: string;
  email: string;
  displayName: string;
  organisationId: string;
  client: TestApiClient;
}

/** Creates a professional (Role A by default) and signs them in. */
export async function buildProfessional(
  baseUrl: string,
  overrides: {
    healthRole?: 'A' | 'B';
    accessManager?: boolean;
    organisationId?: string;
    displayName?: string;
  } = {},
): Promise<BuiltProfessional> {
  sequence += 1;
  passwordHash ??= hashPassword(factoryPassword);
  const organisationId = overrides.organisationId ?? String((await buildOrganisation())._id);
  const email = `professional${sequence}-${Date.now()}@example.test`;
  const displayName = overrides.displayName ?? `Professional ${sequence}`;
  const user = await UserModel.create({
    kind: 'professional',
    email,
    passwordHash: await passwordHash,
    displayName,
    profession: overrides.healthRole === 'B' ? 'Assistante sociale' : 'Sage-femme',
    organisationId,
    healthRole: overrides.healthRole ?? 'A',
    accessManager: overrides.accessManager ?? false,
  });
  return {
    id: String(user._id),
    email,
    displayName,
    organisationId,
    client: await signIn(baseUrl, email, factoryPassword),
  };
}

/** Opens a family file through the API as `creator`; returns the created view. */
export async function buildFamily(creator: TestApiClient, overrides: Record<string, unknown> = {}) {
  const response = await creator.post('/families', {
    label: 'Famille Test',
    members: [
      { displayName: 'Maria', role: 'pregnantPerson', preferredLanguage: 'fr' },
      { displayName: 'Tom', role: 'secondParent', preferredLanguage: 'fr' },
    ],
    dueDate: new Date(Date.now() + 60 * 24 * 3600 * 1000).toISOString().slice(0, 10),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'complex',
    ...overrides,
  });
  if (response.status !== 201) throw new Error(`buildFamily failed: ${response.status} ${response.text}`);
  return response.body as {
    id: string;
    members: { id: string; displayName: string }[];
    [key: string]: unknown;
  };
}

/**
 * Invites an interpreter to one concertation (as the professional who runs it) and redeems her link and code;
 * returns her guest session and the pass as the professional saw it.
 */
export async function inviteInterpreter(
  baseUrl: string,
  professional: TestApiClient,
  concertationId: string,
  who: { name?: string; language?: string; organisation?: string } = {},
): Promise<{ client: TestApiClient; pass: { id: string; link: string; code: string } }> {
  const invited = await professional.post(`/concertations/${concertationId}/interpreters`, {
    name: who.name ?? 'Amina Haddad',
    language: who.language ?? 'arabe',
    ...(who.organisation ? { organisation: who.organisation } : {}),
  });
  if (invited.status !== 201) throw new Error(`interpreter invitation failed: ${invited.text}`);
  const token = String(invited.body.link).split('/interpreter/')[1];
  const redeemed = await new TestApiClient(baseUrl).post('/interpreter-invitations/redeem', {
    token,
    code: invited.body.code,
  });
  if (redeemed.status !== 200) throw new Error(`interpreter redeem failed: ${redeemed.text}`);
  const cookie = String(redeemed.headers.get('set-cookie')).split(';')[0]!;
  return { client: new TestApiClient(baseUrl, { cookie }), pass: invited.body };
}

/** Redeems an invitation for a member and returns a client carrying that member's session cookie. */
export async function inviteMember(
  baseUrl: string,
  professional: TestApiClient,
  familyId: string,
  memberId: string,
): Promise<TestApiClient> {
  const invitation = await professional.post(`/families/${familyId}/members/${memberId}/invitations`, {});
  if (invitation.status !== 201) throw new Error(`invitation failed: ${invitation.text}`);
  const token = String(invitation.body.link).split('/invitation/')[1];
  const redeemed = await new TestApiClient(baseUrl).post('/invitations/redeem', {
    token,
    code: invitation.body.code,
  });
  if (redeemed.status !== 200) throw new Error(`redeem failed: ${redeemed.text}`);
  const cookie = String(redeemed.headers.get('set-cookie')).split(';')[0]!;
  return new TestApiClient(baseUrl, { cookie });
}
