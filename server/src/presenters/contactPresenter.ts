import {
  contactKinds,
  mayWriteMedicalContactNote,
  readsAsTeam,
  type ContactLog,
  type ContactTotals,
  type ContactView,
} from '@concerto/shared';
import type { ContactDocument } from '../models/contact.ts';
import { canOnContact, canOnContactLog } from '../policies/contactReads.ts';
import type { FamilyRepository } from '../policies/familyRepository.ts';
import { calendarDate } from './familyPresenter.ts';
import { loadPeopleFor, personRef, type PersonCard } from './people.ts';

type People = Map<string, PersonCard>;

/**
 * Totals of the contacts shown: the family's count and minutes, by kind, and per professional. A contact
 * with two professionals counts its whole duration for each of them (both spent that time), once for the family.
 */
export function contactTotals(contacts: readonly ContactView[]): ContactTotals {
  const sum = (list: readonly ContactView[]) => ({
    count: list.length,
    minutes: list.reduce((total, contact) => total + contact.durationMinutes, 0),
  });
  const byProfessional = new Map<string, { professional: ContactView['recordedBy']; list: ContactView[] }>();
  for (const contact of contacts)
    for (const professional of contact.professionals) {
      const entry = byProfessional.get(professional.id) ?? { professional, list: [] };
      entry.list.push(contact);
      byProfessional.set(professional.id, entry);
    }
  return {
    ...sum(contacts),
    byKind: contactKinds
      .map((kind) => ({ kind, ...sum(contacts.filter((contact) => contact.kind === kind)) }))
      .filter((total) => total.count > 0),
    byProfessional: [...byProfessional.values()]
      .map(({ professional, list }) => ({ professional, ...sum(list) }))
      .sort((first, second) => second.minutes - first.minutes),
  };
}

/** One contact formatted for the caller: the team reads everyone named; a member herself and the professionals. */
function presentContact(
  opened: FamilyRepository,
  contact: ContactDocument,
  people: People,
  memberNames: Map<string, string>,
): ContactView {
  const asTeam = readsAsTeam(opened.actor, opened.scope);
  const noteReadable = canOnContact(opened, 'contact.note.read', contact);
  return {
    id: String(contact._id),
    date: calendarDate(contact.date)!,
    kind: contact.kind,
    place: contact.place,
    durationMinutes: contact.durationMinutes,
    professionals: contact.professionalIds.map((id) => personRef(people, id)),
    // `members()` holds only the members the caller may see: for a member, herself.
    members: contact.memberIds
      .filter((id) => memberNames.has(String(id)))
      .map((id) => ({ id: String(id), displayName: memberNames.get(String(id))! })),
    others: asTeam ? [...contact.others] : [],
    interpreter: contact.interpreter,
    interpreterLanguage: contact.interpreterLanguage ?? null,
    note: noteReadable ? (contact.note ?? null) : null,
    noteWithheld: asTeam && !noteReadable && !!contact.note,
    medicalNote: asTeam && !!contact.medicalNote,
    recordedBy: personRef(people, contact.recordedBy),
    recordedAt: contact.createdAt.toISOString(),
  };
}

/** Formats contacts already filtered for the caller (see `visibleContacts`). */
export async function presentContacts(
  opened: FamilyRepository,
  contacts: readonly ContactDocument[],
): Promise<ContactView[]> {
  const people = await loadPeopleFor(
    opened.hiddenProfessionals(),
    contacts.flatMap((contact) => [...contact.professionalIds, contact.recordedBy]),
  );
  const memberNames = new Map(opened.members().map((member) => [String(member._id), member.displayName]));
  return contacts.map((contact) => presentContact(opened, contact, people, memberNames));
}

/** The contact log as the caller may see it, with its totals and what she may do with it. */
export async function presentContactLog(
  opened: FamilyRepository,
  contacts: readonly ContactDocument[],
): Promise<ContactLog> {
  const views = await presentContacts(opened, contacts);
  return {
    contacts: views,
    totals: contactTotals(views),
    policies: {
      record: canOnContactLog(opened, 'contacts.record'),
      export: canOnContactLog(opened, 'contacts.export'),
      recordMedicalNote: mayWriteMedicalContactNote(opened.actor, opened.scope),
    },
  };
}
