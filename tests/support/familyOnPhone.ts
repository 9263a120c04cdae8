import { TestApiClient, signIn } from './apiClient.ts';

/** A mother invited on her phone, as a midwife sets her up through the API (bench and e2e tests). */
export interface FamilyOnPhone {
  familyId: string;
  motherId: string;
  motherName: string;
  planId: string;
  planPath: string;
  midwife: TestApiClient;
  /** A new invitation for the mother: the page to open on the phone and the 6-digit code. */
  invite(): Promise<{ url: string; code: string }>;
  /** Redeems an invitation through the API, as her phone would; returns her session token. */
  redeem(url: string, code: string): Promise<string>;
}

let sequence = 0;

/**
 * A hospital, a midwife, and a family whose mother (speaking `language`) may contribute to the shared plan
 * but not edit its rich text. `admin` is the platform admin's client.
 */
export async function buildFamilyOnPhone(
  baseUrl: string,
  admin: TestApiClient,
  options: { language?: string; motherName?: string; label?: string } = {},
): Promise<FamilyOnPhone> {
  sequence += 1;
  const suffix = `${sequence}-${Date.now()}`;
  const organisation = await admin.post('/organisations', {
    name: `Maternité ${suffix}`,
    kind: 'hospital',
    accessManager: {
      displayName: 'Gestion',
      email: `manager-${suffix}@phone.test`,
      password: 'manager-password-1',
      profession: 'Gestion',
      // Role A is granted only by a Role A access manager of a health organisation.
      healthRole: 'A',
      inamiNumber: '41234502002',
    },
  });
  if (organisation.status !== 201) throw new Error(`organisation: ${organisation.text}`);
  const manager = await signIn(baseUrl, `manager-${suffix}@phone.test`, 'manager-password-1');
  const midwifeAccount = await manager.post(`/organisations/${organisation.body.id}/professionals`, {
    displayName: 'Sophie Lambert',
    email: `midwife-${suffix}@phone.test`,
    password: 'staff-password-1',
    profession: 'Sage-femme',
    healthRole: 'A',
    inamiNumber: '41234502002',
  });
  if (midwifeAccount.status !== 201) throw new Error(`midwife: ${midwifeAccount.text}`);
  const midwife = await signIn(baseUrl, `midwife-${suffix}@phone.test`, 'staff-password-1');
  const motherName = options.motherName ?? 'Amina Benali';
  const family = await midwife.post('/families', {
    label: options.label ?? `Famille ${suffix}`,
    members: [
      { displayName: motherName, role: 'pregnantPerson', preferredLanguage: options.language ?? 'fr' },
      { displayName: 'Youssef Benali', role: 'secondParent', preferredLanguage: 'fr' },
    ],
    dueDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'complex',
  });
  if (family.status !== 201) throw new Error(`family: ${family.text}`);
  const familyId: string = family.body.id;
  const motherId: string = family.body.members[0].id;
  const spaces = await midwife.get(`/families/${familyId}/spaces`);
  const plan = spaces.body.find((space: { kind: string }) => space.kind === 'sharedPlan');
  const patched = await midwife.patch(`/families/${familyId}/spaces/${plan.id}`, {
    audience: { ...plan.audience, members: [{ memberId: motherId, access: 'contribute' }] },
  });
  if (patched.status !== 200) throw new Error(`plan audience: ${patched.status} ${patched.text}`);
  return {
    familyId,
    motherId,
    motherName,
    planId: plan.id,
    planPath: `/families/${familyId}/spaces/${plan.id}`,
    midwife,
    invite: async () => {
      const invitation = await midwife.post(`/families/${familyId}/members/${motherId}/invitations`, {});
      if (invitation.status !== 201) throw new Error(`invitation: ${invitation.text}`);
      return { url: `${baseUrl}${new URL(invitation.body.link).pathname}`, code: invitation.body.code };
    },
    redeem: async (url, code) => {
      const redeemed = await new TestApiClient(baseUrl).post('/invitations/redeem', {
        token: url.split('/invitation/')[1],
        code,
      });
      if (redeemed.status !== 200) throw new Error(`redeem: ${redeemed.text}`);
      return /concerto_session=([^;]+)/.exec(redeemed.headers.get('set-cookie') ?? '')?.[1] ?? '';
    },
  };
}
