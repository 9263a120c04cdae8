import { daysBetween, purgeDateOf, thousandDaysOver, userIdOf, type FileEndKind } from '@concerto/shared';
import { announceAccessChange } from '../collab/accessEvents.ts';
import { inTransaction } from '../db/transaction.ts';
import { HttpError, invalidField } from '../http/errors.ts';
import { ClosingSummaryModel } from '../models/closingSummary.ts';
import type { FamilyRepository } from '../policies/familyRepository.ts';
import { summaryRecipients, writeClosingSummary } from './closingSummaryWriter.ts';

/** What the coordinator (or, for a departure, any professional of the team) records. */
export interface FileEnd {
  kind: FileEndKind;
  reason: string;
  /** When the family left (a calendar date); closing is dated today. */
  at?: string;
}

/**
 * Closes a file after day 1000, or records that the family left the programme: the file becomes read-only
 * (the policy reads `closure`), its open collaboration connections are re-authorised (read-only), and the
 * referent and the GP each receive a summary written through their own rights. One transaction.
 */
export async function closeFile(
  opened: FamilyRepository,
  end: FileEnd,
  retentionDays: number,
  today = new Date(),
): Promise<void> {
  const { family } = opened;
  opened.require(end.kind === 'closed' ? 'family.closing.decide' : 'family.leave.record');
  const dates = { dueDate: family.dueDate ?? null, birthDate: family.birthDate ?? null };
  if (end.kind === 'closed' && !thousandDaysOver(dates, today))
    throw new HttpError(
      409,
      'thousand_days_not_over',
      'The 1000 days are not over: the file closes from the child’s second birthday. A family that stops now leaves the programme (kind "left").',
    );
  const at = end.kind === 'left' && end.at ? new Date(end.at) : today;
  if (daysBetween(today, at) > 0) throw invalidField('at', 'the family cannot leave on a future date');
  if (family.get('createdAt') && daysBetween(family.get('createdAt') as Date, at) < 0)
    throw invalidField('at', 'the family cannot leave before its file was opened');

  const facts = { kind: end.kind, at, closedBy: opened.auth.displayName, reason: end.reason };
  const recipients = await summaryRecipients(opened);
  const summaries: { familyId: unknown; recipientId: string; createdAt: Date; content: unknown }[] = [];
  for (const recipientId of recipients) {
    const content = await writeClosingSummary(opened, recipientId, facts);
    if (content) summaries.push({ familyId: family._id, recipientId, createdAt: today, content });
  }
  await inTransaction(async (session) => {
    family.set('closure', {
      kind: end.kind,
      at,
      byUserId: userIdOf(opened.actor),
      reason: end.reason,
      purgeAfter: purgeDateOf(today, retentionDays),
    });
    await family.save({ session });
    await ClosingSummaryModel.insertMany(summaries, { session });
  });
  opened.refresh();
  await opened.audit('write', 'closing');
  // Open editors reconnect and are authorised again: the policy now gives them read access only.
  announceAccessChange({ kind: 'family', familyId: String(family._id) });
}
