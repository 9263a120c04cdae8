import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../support/apiClient.ts';
import { fhirSchemaValidator, invalidCodes } from '../../support/fhirValidation.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ CONCERTO_DEMO_DATA: 'true' });
});
afterAll(() => server.dispose());

describe('FHIR export of the demo families', () => {
  it('validates for every family of the demo midwife (Role A) and of the demo social worker (Role B)', async () => {
    const validate = fhirSchemaValidator();
    for (const email of ['sophie.lambert@concerto.demo', 'nadia.elamrani@concerto.demo']) {
      const professional = await signIn(server.url, email, 'concerto-demo');
      const families = (await professional.get('/families')).body;
      expect(families.length).toBeGreaterThan(1);
      for (const family of families) {
        const bundle = (await professional.request('GET', `/families/${family.id}/fhir`)).body;
        expect(
          validate(bundle),
          `${email} ${family.label}: ${JSON.stringify(validate.errors?.slice(0, 2))}`,
        ).toBe(true);
        expect(invalidCodes(bundle)).toEqual([]);
        expect(
          bundle.entry.some(
            (entry: { resource: { resourceType: string } }) => entry.resource.resourceType === 'CareTeam',
          ),
        ).toBe(true);
      }
    }
    // Compiling the FHIR schema and exporting every demo family takes seconds of CPU on a busy machine.
  }, 60_000);
});
