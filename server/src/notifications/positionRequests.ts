import mongoose from 'mongoose';
import { userIdOf } from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import { DecisionModel } from '../models/decision.ts';
import { announceNotification } from './notificationEvents.ts';

/**
 * Tells each member still awaited on these proposals that her position is asked (by `auth`'s user). The
 * notification service asks the policy for each one: never a member the decision is hidden from.
 */
export async function askPositions(decisionIds: readonly string[], auth: AuthContext): Promise<void> {
  const decisions = await DecisionModel.find({
    _id: mongoose.trusted({ $in: decisionIds }),
    status: 'proposed',
  }).lean();
  for (const decision of decisions) {
    const answered = new Set(decision.positions.map((position) => String(position.memberId)));
    announceNotification({
      familyId: String(decision.familyId),
      kind: 'positionAwaited',
      who: auth.displayName,
      author: { kind: 'professional', userId: userIdOf(auth.actor) ?? '' },
      link:
        decision.concertationId && !decision.positionsDueBy
          ? `/concertations/${decision.concertationId}`
          : `/families/${decision.familyId}#betweenMeetings`,
      target: { kind: 'decision', decisionId: String(decision._id) },
      recipients: decision.awaitedMemberIds
        .map(String)
        .filter((id) => !answered.has(id))
        .map((memberId) => ({ kind: 'familyMember' as const, memberId })),
    });
  }
}
