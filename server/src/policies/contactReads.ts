import mongoose from 'mongoose';
import {
  can,
  contactScopeOf,
  memberIdOf,
  type ContactAction,
  type ContactLogAction,
  type ContactScope,
} from '@concerto/shared';
import { ContactModel, type ContactDocument } from '../models/contact.ts';
import type { FamilyRepository } from './familyRepository.ts';
import { membershipScopes } from './familyScope.ts';

/** A stored contact as the policy reads it. */
export function contactScope(opened: FamilyRepository, contact: ContactDocument): ContactScope {
  return contactScopeOf(
    {
      authorId: String(contact.recordedBy),
      professionalIds: contact.professionalIds.map(String),
      memberIds: contact.memberIds.map(String),
      medicalNote: !!contact.medicalNote,
    },
    membershipScopes(opened.family),
  );
}

/** Whether the caller may do this on the opened family's contact log (the one policy). */
export function canOnContactLog(opened: FamilyRepository, action: ContactLogAction): boolean {
  return can(opened.actor, action, { kind: 'contactLog', family: opened.scope });
}

/** Whether the caller may do this on one contact of the opened family. */
export function canOnContact(
  opened: FamilyRepository,
  action: ContactAction,
  contact: ContactDocument,
): boolean {
  return can(opened.actor, action, {
    kind: 'contact',
    family: opened.scope,
    contact: contactScope(opened, contact),
  });
}

/**
 * The family's contacts the caller may see, newest first. The query itself keeps a member to the contacts
 * she took part in; the policy then leaves out those with a professional hidden from her.
 */
export async function visibleContacts(opened: FamilyRepository): Promise<ContactDocument[]> {
  if (!canOnContactLog(opened, 'contacts.read')) return [];
  const memberId = memberIdOf(opened.actor);
  const filter = memberId ? { memberIds: new mongoose.Types.ObjectId(memberId) } : {};
  const contacts = await ContactModel.find({ familyId: opened.family._id, ...filter })
    .sort({ date: -1, createdAt: -1 })
    .lean<ContactDocument[]>();
  return contacts.filter((contact) => canOnContact(opened, 'contact.read', contact));
}

/** Contacts of the family by id, as the caller may see them (to prove a funded service). */
export async function visibleContactsById(
  opened: FamilyRepository,
  ids: readonly string[],
): Promise<ContactDocument[]> {
  if (ids.length === 0 || !canOnContactLog(opened, 'contacts.read')) return [];
  const contacts = await ContactModel.find({
    familyId: opened.family._id,
    _id: mongoose.trusted({ $in: ids.map((id) => new mongoose.Types.ObjectId(id)) }),
  }).lean<ContactDocument[]>();
  return contacts.filter((contact) => canOnContact(opened, 'contact.read', contact));
}
