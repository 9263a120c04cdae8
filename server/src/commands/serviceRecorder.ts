import mongoose from 'mongoose';
import {
  brusselsDay,
  fundedServices,
  professionalIdOf,
  serviceEligibility,
  serviceProof,
  type BibScenario,
  type ContactPlace,
  type FundedService,
  type FundedServiceEligibility,
  type RecordServiceRequestSchema,
  type ServiceEligibility,
  type ServicesByScenario,
} from '@concerto/shared';
import type { z } from 'zod';
import { HttpError, invalidField } from '../http/errors.ts';
import { servicesByScenarioNow } from './eligibilityRules.ts';
import type { ContactDocument } from '../models/contact.ts';
import { ConcertationModel, type ConcertationDocument } from '../models/concertation.ts';
import type { FamilyDocument } from '../models/family.ts';
import { visibleContactsById } from '../policies/contactReads.ts';
import type { FamilyRepository } from '../policies/familyRepository.ts';

type ServiceRequest = z.output<typeof RecordServiceRequestSchema>;
type ServiceRecord = FamilyDocument['services'][number];

/**
 * The family's latest recorded BIB scenario, or null before any screening: the one place that reads the
 * screening for the funded services (when screenings become a dated series, the latest one counts).
 */
export function recordedScenario(family: Pick<FamilyDocument, 'screening'>): BibScenario | null {
  return (family.screening?.scenario as BibScenario | null | undefined) ?? null;
}

/** The family's latest scenario and each funded service's eligibility now, under the programme's rule. */
export function eligibilityNow(
  family: Pick<FamilyDocument, 'screening'>,
  rules: ServicesByScenario,
): FundedServiceEligibility {
  const scenario = recordedScenario(family);
  return {
    scenario,
    services: Object.fromEntries(
      fundedServices.map((service) => [service, serviceEligibility(service, scenario, rules)]),
    ) as Record<FundedService, ServiceEligibility>,
  };
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];
const ids = (values: readonly unknown[]) =>
  unique(values.map(String)).map((id) => new mongoose.Types.ObjectId(id));

/** What contacts prove: their total duration, their places and everyone who took part. */
function proofOfContacts(contacts: readonly ContactDocument[]) {
  return {
    durationMinutes: contacts.reduce((total, contact) => total + contact.durationMinutes, 0),
    places: unique(contacts.map((contact) => contact.place as ContactPlace)),
    professionalIds: ids(contacts.flatMap((contact) => contact.professionalIds)),
    memberIds: ids(contacts.flatMap((contact) => contact.memberIds)),
    others: unique(contacts.flatMap((contact) => contact.others)),
    contactIds: contacts.map((contact) => contact._id),
  };
}

/** What a closed meeting proves: the time it was open, remote or on site, who was present. */
function proofOfConcertation(
  concertation: Pick<
    ConcertationDocument,
    '_id' | 'startedAt' | 'closedAt' | 'durationMinutes' | 'remote' | 'attendance'
  >,
) {
  const present = concertation.attendance.filter((entry) => entry.status === 'present');
  const held =
    concertation.startedAt && concertation.closedAt
      ? Math.round((concertation.closedAt.getTime() - concertation.startedAt.getTime()) / 60_000)
      : 0;
  return {
    durationMinutes: held > 0 ? held : concertation.durationMinutes,
    places: [concertation.remote ? 'remote' : 'practice'] as ContactPlace[],
    professionalIds: ids(
      present.filter((entry) => entry.participantKind === 'professional').map((entry) => entry.participantId),
    ),
    memberIds: ids(
      present.filter((entry) => entry.participantKind === 'familyMember').map((entry) => entry.participantId),
    ),
    others: [],
    concertationId: concertation._id,
  };
}

/**
 * The funded concertation a closed meeting proves, recorded when it closes: never refused (the meeting
 * happened), but marked with its eligibility so that one the family's scenario does not open is not claimed.
 */
export function concertationService(
  family: Pick<FamilyDocument, 'screening'>,
  rules: ServicesByScenario,
  concertation: Parameters<typeof proofOfConcertation>[0],
  deliveredBy: string,
  at: Date,
  note: string,
): ServiceRecord {
  const scenario = recordedScenario(family);
  return {
    service: 'concertation',
    at,
    deliveredBy,
    note,
    ...proofOfConcertation(concertation),
    scenario,
    eligibility: serviceEligibility('concertation', scenario, rules),
  } as unknown as ServiceRecord;
}

/** The contacts that prove a service: at least one, all of this family, none already proving this service. */
async function contactProof(opened: FamilyRepository, service: FundedService, contactIds: readonly string[]) {
  if (contactIds.length === 0 && serviceProof[service] === 'contacts')
    throw invalidField('contactIds', 'link the contacts of the log that prove this service');
  const contacts = await visibleContactsById(opened, unique([...contactIds]));
  if (contacts.length !== unique([...contactIds]).length)
    throw invalidField('contactIds', 'one of these contacts is not in this family’s log');
  const claimed = new Set(
    opened.family.services
      .filter((record) => record.service === service)
      .flatMap((record) => (record.contactIds ?? []).map(String)),
  );
  const twice = contacts.find((contact) => claimed.has(String(contact._id)));
  if (twice)
    throw new HttpError(
      409,
      'contact_already_claimed',
      `The contact of ${twice.date.toISOString().slice(0, 10)} already proves this service.`,
    );
  return contacts;
}

/** The closed meeting of this family that proves a concertation, not claimed yet. */
async function concertationProof(opened: FamilyRepository, concertationId: string | undefined) {
  if (!concertationId) throw invalidField('concertationId', 'name the closed meeting that proves it');
  const concertation = await ConcertationModel.findOne({
    _id: concertationId,
    familyId: opened.family._id,
    status: 'closed',
  }).lean();
  if (!concertation) throw invalidField('concertationId', 'not a closed meeting of this family');
  if (opened.family.services.some((record) => String(record.concertationId ?? '') === concertationId))
    throw new HttpError(
      409,
      'concertation_already_claimed',
      'This meeting’s concertation is already recorded.',
    );
  return concertation;
}

/**
 * Records a funded service with its proof, in the caller's name. Refused when the family's latest BIB
 * scenario does not open it under the programme's rule (409 `service_not_open`); dated by default on its latest contact.
 */
export async function recordFundedService(
  opened: FamilyRepository,
  request: ServiceRequest,
  today = brusselsDay(),
): Promise<void> {
  const { family } = opened;
  const scenario = recordedScenario(family);
  const eligibility = serviceEligibility(request.service, scenario, await servicesByScenarioNow());
  if (eligibility !== 'open')
    throw new HttpError(
      409,
      'service_not_open',
      scenario
        ? `The family's BIB scenario ${scenario} does not open this service.`
        : 'Record the BIB screening first: its scenario opens the funded services.',
      { scenario },
    );
  let proof: ReturnType<typeof proofOfContacts> | ReturnType<typeof proofOfConcertation> | null = null;
  let latest: string | null = null;
  if (serviceProof[request.service] === 'concertation') {
    const concertation = await concertationProof(opened, request.concertationId);
    proof = proofOfConcertation(concertation);
    latest = concertation.closedAt?.toISOString().slice(0, 10) ?? null;
  } else if (request.contactIds.length || serviceProof[request.service] === 'contacts') {
    const contacts = await contactProof(opened, request.service, request.contactIds);
    proof = proofOfContacts(contacts);
    latest =
      contacts
        .map((contact) => contact.date.toISOString().slice(0, 10))
        .sort()
        .at(-1) ?? null;
  }
  const at = request.at ?? latest ?? today;
  if (at > today) throw invalidField('at', 'a service is recorded once delivered: today or earlier');
  family.services.push({
    service: request.service,
    at: new Date(`${at}T00:00:00Z`),
    deliveredBy: professionalIdOf(opened.actor)!,
    note: request.note ?? null,
    ...proof,
    scenario,
    eligibility,
  } as never);
  await family.save();
}
