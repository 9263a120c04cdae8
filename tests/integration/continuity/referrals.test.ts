import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@concerto/shared';
import { ReferralModel } from '../../../server/src/models/referral.ts';
import { FunctionAssignmentModel } from '../../../server/src/models/functionAssignment.ts';
import type { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';
import { fhirSchemaValidator, invalidCodes } from '../../support/fhirValidation.ts';

let server: TestServer;
let coordinator: BuiltProfessional;
let socialWorker: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let mother: TestApiClient;
let partner: TestApiClient;
let maternityId: string;
let violenceServiceId: string;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  const manager = await buildProfessional(server.url, { accessManager: true });
  coordinator = await buildProfessional(server.url, { displayName: 'Claire Coordinatrice' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B' });
  family = await buildFamily(coordinator.client, { dueDate: isoDate(addDays(new Date(), 70)) });
  await coordinator.client.post(`/families/${family.id}/team`, { professionalId: socialWorker.id });
  await coordinator.client.post(`/families/${family.id}/functions`, {
    function: 'coordinator',
    professionalId: coordinator.id,
  });
  maternityId = (
    await manager.client.post('/directory', {
      name: 'Maternité Saint-Pierre',
      kind: 'maternity',
      cost: 'paid',
      bassin: 'bruxellesCentreOuest',
    })
  ).body.id;
  violenceServiceId = (
    await manager.client.post('/directory', {
      name: 'Refuge — violences conjugales',
      kind: 'violenceSupport',
      cost: 'free',
      bassin: 'bruxellesSud',
    })
  ).body.id;
  mother = await inviteMember(server.url, coordinator.client, family.id, family.members[0]!.id);
  partner = await inviteMember(server.url, coordinator.client, family.id, family.members[1]!.id);
});
afterAll(() => server.dispose());

async function refer(entryId: string, overrides: Record<string, unknown> = {}) {
  const response = await coordinator.client.post(`/families/${family.id}/referrals`, {
    memberId: family.members[0]!.id,
    entryId,
    reason: 'Préparer l’accouchement et le retour à domicile',
    familyAgreed: false,
    followUpDate: isoDate(addDays(new Date(), 7)),
    ...overrides,
  });
  expect(response.status).toBe(201);
  return response.body;
}

describe('closed-loop referrals', () => {
  it('moves proposed -> agreed -> contact made -> taken in charge, and refuses skipped steps', async () => {
    const referral = await refer(maternityId);
    expect(referral).toMatchObject({ status: 'proposed', allowedNext: ['agreed', 'declined'] });
    expect(
      (await coordinator.client.patch(`/referrals/${referral.id}`, { status: 'takenInCharge' })).status,
    ).toBe(409);
    for (const status of ['agreed', 'contactMade', 'takenInCharge']) {
      const step = await socialWorker.client.patch(`/referrals/${referral.id}`, {
        status,
        note: `step ${status}`,
      });
      expect(step.status).toBe(200);
      expect(step.body.status).toBe(status);
    }
    const done = (await coordinator.client.get(`/families/${family.id}/referrals`)).body.find(
      (entry: { id: string }) => entry.id === referral.id,
    );
    expect(done.history.map((step: { to: string }) => step.to)).toEqual([
      'proposed',
      'agreed',
      'contactMade',
      'takenInCharge',
    ]);
    expect(done.allowedNext).toEqual([]);
  });

  it('declined and no answer need a reason', async () => {
    const referral = await refer(maternityId, { familyAgreed: true });
    expect(referral.status).toBe('agreed');
    const noReason = await coordinator.client.patch(`/referrals/${referral.id}`, { status: 'noAnswer' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe('note');
    expect(
      (
        await coordinator.client.patch(`/referrals/${referral.id}`, {
          status: 'noAnswer',
          note: 'Trois appels sans réponse',
        })
      ).body.status,
    ).toBe('noAnswer');
    const declined = await refer(maternityId);
    expect(
      (
        await coordinator.client.patch(`/referrals/${declined.id}`, {
          status: 'declined',
          note: 'La famille préfère une autre maternité',
        })
      ).body.status,
    ).toBe('declined');
  });

  it('stays on the coordinator’s list until taken in charge, and is flagged past its follow-up date', async () => {
    const referral = await refer(maternityId, { familyAgreed: true });
    await ReferralModel.updateOne(
      { _id: referral.id },
      { $set: { followUpDate: addDays(new Date(), -2), lastUpdateAt: addDays(new Date(), -10) } },
    );
    const work = (await coordinator.client.get('/me/work')).body;
    const listed = work.referrals.find(
      (entry: { referral: { id: string } }) => entry.referral.id === referral.id,
    );
    expect(listed.referral.overdue).toBe(true);
    expect(listed.link).toBe(`/families/${family.id}#referrals`);
    const listedNow = async () =>
      (await coordinator.client.get('/me/work')).body.referrals.some(
        (entry: { referral: { id: string } }) => entry.referral.id === referral.id,
      );
    // Contact made is not the end: the list follows it until the service takes the family in charge.
    await coordinator.client.patch(`/referrals/${referral.id}`, { status: 'contactMade', note: 'RDV pris' });
    expect(await listedNow()).toBe(true);
    await coordinator.client.patch(`/referrals/${referral.id}`, { status: 'takenInCharge' });
    expect(await listedNow()).toBe(false);
  });

  it('a referral to a violence-support service can be hidden from a named member', async () => {
    const hidden = await refer(violenceServiceId, { hiddenFromMemberIds: [family.members[1]!.id] });
    const partnerView = await partner.get(`/families/${family.id}/referrals`);
    expect(partnerView.text).not.toContain('Refuge');
    expect((await partner.patch(`/referrals/${hidden.id}`, { status: 'agreed' })).status).toBe(404);
    expect((await mother.get(`/families/${family.id}/referrals`)).text).toContain('Refuge');
    expect((await mother.patch(`/referrals/${hidden.id}`, { status: 'agreed' })).status).toBe(403);
    const outsider = await buildProfessional(server.url);
    expect((await outsider.client.patch(`/referrals/${hidden.id}`, { status: 'agreed' })).status).toBe(404);
  });
});

describe('my work', () => {
  it('lists functions, key moments with links, and upcoming concertations', async () => {
    await FunctionAssignmentModel.updateOne(
      { familyId: family.id, function: 'coordinator', endedAt: null },
      { $set: { expectedEnd: addDays(new Date(), 20) } },
    );
    const work = (await coordinator.client.get('/me/work')).body;
    expect(
      work.functions.find((entry: { familyId: string }) => entry.familyId === family.id).functions,
    ).toEqual(['coordinator']);
    const moments = work.keyMoments
      .filter((entry: { familyId: string }) => entry.familyId === family.id)
      .map((entry: { kind: string }) => entry.kind);
    expect(moments).toEqual(expect.arrayContaining(['noReferent', 'coordinatorTermEnding']));
    expect(moments).not.toContain('birthExpectedSoon');
    expect((await coordinator.client.request('GET', '/me/calendar.ics')).text).toContain('BEGIN:VCALENDAR');
  });
});

describe('FHIR export', () => {
  const validate = fhirSchemaValidator();

  it('validates against the FHIR R4 JSON schema and carries the care team, plan, consents and coordination', async () => {
    await coordinator.client.post(`/families/${family.id}/consents`, {
      memberId: family.members[0]!.id,
      scope: 'teamSharing',
      granted: true,
    });
    const response = await coordinator.client.request('GET', `/families/${family.id}/fhir`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
    const bundle = response.body;
    const valid = validate(bundle);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
    expect(valid).toBe(true);
    expect(invalidCodes(bundle)).toEqual([]);
    const types = bundle.entry.map(
      (entry: { resource: { resourceType: string } }) => entry.resource.resourceType,
    );
    expect(types).toEqual(
      expect.arrayContaining(['Patient', 'CareTeam', 'CarePlan', 'Consent', 'EpisodeOfCare']),
    );
  });

  it('is filtered by the caller’s rights', async () => {
    const partnerBundle = await partner.request('GET', `/families/${family.id}/fhir`);
    expect(partnerBundle.status).toBe(200);
    expect(validate(partnerBundle.body)).toBe(true);
    expect(invalidCodes(partnerBundle.body)).toEqual([]);
    expect(partnerBundle.text).not.toContain('Maria');
    expect(partnerBundle.text).not.toContain('EpisodeOfCare');
    const outsider = await buildProfessional(server.url);
    expect((await outsider.client.request('GET', `/families/${family.id}/fhir`)).status).toBe(404);
  });
});
