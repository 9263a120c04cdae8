import type { ContactPlace, FundedServiceRecord, ServiceEligibility } from '@concerto/shared';
import type { FamilyDocument } from '../models/family.ts';
import { calendarDate } from './familyPresenter.ts';
import { personRef, type PersonCard } from './people.ts';

type ServiceRecord = FamilyDocument['services'][number];

/** The professionals a file's services name (to load their names with the file's other people). */
export function servicePeopleIds(services: readonly ServiceRecord[]): unknown[] {
  return services.flatMap((record) => [record.deliveredBy, ...(record.professionalIds ?? [])]);
}

/**
 * One funded service as the team reads it: its proof's duration, places and participants. Screening is
 * open to every family, so a screening recorded before eligibility was kept reads as open.
 */
export function presentFundedService(
  record: ServiceRecord,
  people: Map<string, PersonCard>,
  memberNames: Map<string, string>,
): FundedServiceRecord {
  const eligibility = (record.eligibility ??
    (record.service === 'screening' ? 'open' : null)) as ServiceEligibility | null;
  return {
    service: record.service,
    at: calendarDate(record.at) ?? '',
    deliveredBy: personRef(people, record.deliveredBy),
    note: record.note ?? null,
    durationMinutes: record.durationMinutes ?? null,
    places: [...(record.places ?? [])] as ContactPlace[],
    participants: {
      professionals: (record.professionalIds ?? []).map((id) => personRef(people, id)),
      members: (record.memberIds ?? []).map((id) => ({
        id: String(id),
        displayName: memberNames.get(String(id)) ?? '—',
      })),
      others: [...(record.others ?? [])],
    },
    contactIds: (record.contactIds ?? []).map(String),
    concertationId: record.concertationId ? String(record.concertationId) : null,
    eligibility,
  };
}
