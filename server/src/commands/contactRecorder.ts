import {
  brusselsDay,
  mayWriteMedicalContactNote,
  professionalIdOf,
  type RecordContactRequestSchema,
} from '@concerto/shared';
import type { z } from 'zod';
import { forbidden, invalidField } from '../http/errors.ts';
import { ContactModel, type ContactDocument } from '../models/contact.ts';
import type { FamilyRepository } from '../policies/familyRepository.ts';
import { canOnContactLog } from '../policies/contactReads.ts';

type ContactRequest = z.output<typeof RecordContactRequestSchema>;

/** Refuses participants the file does not know: professionals must be on the team now, members in the family. */
function checkParticipants(opened: FamilyRepository, request: ContactRequest): void {
  const onTeam = new Set(opened.scope.team.map((membership) => membership.professionalId));
  const stranger = request.professionalIds.find((id) => !onTeam.has(id));
  if (stranger) throw invalidField('professionalIds', `${stranger} is not on this family's care team`);
  const members = new Set(opened.family.members.map((member) => String(member._id)));
  const unknown = request.memberIds.find((id) => !members.has(id));
  if (unknown) throw invalidField('memberIds', `${unknown} is not a member of this family`);
}

/**
 * Records one contact with the family in the caller's name. Without professionals named, the caller took
 * part; a medical note only from Role A; a contact is dated today or earlier (the log records what happened).
 */
export async function recordContact(
  opened: FamilyRepository,
  request: ContactRequest,
  today = brusselsDay(),
): Promise<ContactDocument> {
  if (!canOnContactLog(opened, 'contacts.record')) throw forbidden('The care team keeps the contact log.');
  const date = request.date ?? today;
  if (date > today) throw invalidField('date', 'a contact is recorded once it happened: today or earlier');
  if (request.interpreter && !request.interpreterLanguage)
    throw invalidField('interpreterLanguage', 'say which language was interpreted');
  const note = request.note || null;
  if (note && request.medicalNote && !mayWriteMedicalContactNote(opened.actor, opened.scope))
    throw forbidden('Only health professionals (Role A) write a medical note.');
  const authorId = professionalIdOf(opened.actor)!;
  const professionalIds = request.professionalIds.length ? [...new Set(request.professionalIds)] : [authorId];
  checkParticipants(opened, { ...request, professionalIds });
  const created = await ContactModel.create({
    familyId: opened.family._id,
    date: new Date(`${date}T00:00:00Z`),
    kind: request.kind,
    place: request.place,
    durationMinutes: request.durationMinutes,
    professionalIds,
    memberIds: [...new Set(request.memberIds)],
    others: request.others,
    interpreter: request.interpreter,
    interpreterLanguage: request.interpreter ? request.interpreterLanguage : null,
    note,
    medicalNote: !!note && request.medicalNote,
    recordedBy: authorId,
  });
  return created.toObject() as ContactDocument;
}
