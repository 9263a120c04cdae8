import mongoose from 'mongoose';
import {
  actorOfAccount,
  mayBeNotified,
  mayNameAuthor,
  notificationKeyOf,
  type Actor,
  type NoticeAuthor,
  type NoticeScope,
} from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import { SpaceModel } from '../models/space.ts';
import { UserModel } from '../models/user.ts';
import type { NotificationEvent, Recipient } from '../notifications/notificationEvents.ts';

function authorOf(author: NotificationEvent['author']): NoticeAuthor {
  return author.kind === 'professional' ? { kind: 'professional', professionalId: author.userId } : author;
}
import { concertationScopeOf, loadConcertationFor } from './concertationAccess.ts';
import { decisionScopeOf, visibleDecision } from './decisionReads.ts';
import { loadFamilyFor } from './familyAccess.ts';
import type { FamilyRepository } from './familyRepository.ts';
import { audienceOf, membershipScopes, spaceFamilyScopeOf } from './familyScope.ts';
import { visibleReferral } from './referralReads.ts';

/** The recipient as the policy knows them, read fresh (an inactive account is nobody). */
async function actorOf(recipient: Recipient, familyId: string): Promise<AuthContext['actor'] | null> {
  if (recipient.kind === 'familyMember')
    return { kind: 'familyMember', familyId, memberId: recipient.memberId };
  if (!mongoose.isValidObjectId(recipient.userId)) return null;
  const account = await UserModel.findOne({ _id: recipient.userId, active: true }).lean();
  const actor = account ? actorOfAccount(account) : null;
  // Only someone with notifications at all (never the platform admin) is told.
  return actor && notificationKeyOf(actor) ? actor : null;
}

/** What the notice points at, read through the recipient's own repository (null: she may not read it). */
async function noticeScopeOf(
  opened: FamilyRepository,
  event: NotificationEvent,
): Promise<NoticeScope | null> {
  const target = event.target;
  switch (target.kind) {
    case 'concertation': {
      const found = await loadConcertationFor(opened.auth, target.concertationId);
      return found
        ? {
            kind: 'concertationInvitation',
            family: opened.scope,
            concertation: concertationScopeOf(found.concertation),
          }
        : null;
    }
    case 'decision': {
      const decision = await visibleDecision(opened, target.decisionId);
      return decision
        ? { kind: 'positionAwaited', family: opened.scope, decision: decisionScopeOf(decision) }
        : null;
    }
    case 'space': {
      const space = await SpaceModel.findOne({ _id: target.spaceId, familyId: opened.family._id }).lean();
      if (!space || (event.kind !== 'actionChanged' && event.kind !== 'familyContribution')) return null;
      const family = await spaceFamilyScopeOf(opened.family);
      return { kind: event.kind, family, space: { kind: space.kind, audience: audienceOf(space) } };
    }
    case 'referral': {
      const referral = await visibleReferral(opened, target.referralId);
      return referral
        ? {
            kind: 'referralFollowUp',
            family: opened.scope,
            referral: {
              memberId: String(referral.memberId),
              hiddenFromMemberIds: referral.hiddenFromMemberIds.map(String),
            },
          }
        : null;
    }
  }
}

/**
 * Whether this recipient may be told of the event, and how the notice may name who acted (null: the
 * notice does not reach her). The family and what the notice points at are read as she would read them,
 * then the policy's `mayBeNotified` and `mayNameAuthor` decide.
 */
export async function noticeFor(
  recipient: Recipient,
  event: NotificationEvent,
): Promise<{ who: string | null; actor: Actor } | null> {
  const actor = await actorOf(recipient, event.familyId);
  if (!actor) return null;
  const auth = { actor, displayName: '', detail: null } as unknown as AuthContext;
  const opened = await loadFamilyFor(auth, event.familyId);
  if (!opened) return null;
  const scope = await noticeScopeOf(opened, event);
  if (!scope || scope.kind !== event.kind || !mayBeNotified(actor, scope)) return null;
  const named = mayNameAuthor(actor, opened.scope, membershipScopes(opened.family), authorOf(event.author));
  return { who: named ? event.who : null, actor };
}
