import type { FamilyScope } from './actor.ts';

/**
 * What stays possible on a closed file (kept, read-only, for the retention period): reading what one
 * could read before, and the family's rights of access and correction. Everything else is refused.
 */
export const actionsOnClosedFile: readonly string[] = [
  'family.read',
  'family.team.read',
  'family.strata.read',
  'family.screening.read',
  'family.assessments.read',
  'family.flags.read',
  'family.consents.read',
  'family.audit.read',
  'family.functions.read',
  'family.concertations.read',
  'family.decisions.read',
  'family.referrals.read',
  'family.export.fhir',
  'family.export.calendar',
  'family.data.export',
  'family.rights.request',
  'family.rights.handle',
  'family.keyMoments.read',
  'item.read',
  'concertation.read',
  'concertation.minutes.read',
  'decision.read',
  'decision.positions.read',
  'referral.read',
  'space.read',
  'contacts.read',
  'contacts.export',
  'contact.read',
  'contact.note.read',
  'attachment.read',
];

/** Whether a file's state lets anyone do `action` at all: an open file all, a closed one only reads. */
export function fileAllows(family: Pick<FamilyScope, 'closed'>, action: string): boolean {
  return !family.closed || actionsOnClosedFile.includes(action);
}
