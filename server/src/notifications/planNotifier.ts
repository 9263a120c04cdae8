import {
  familyWordsListeners,
  memberIdOf,
  ownsPlanAction,
  userIdOf,
  type PlanAction,
} from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import { FamilyModel } from '../models/family.ts';
import { familyProjection } from '../policies/familyRepository.ts';
import { scopeOf } from '../policies/familyScope.ts';
import { announceNotification, type NotificationEvent, type Recipient } from './notificationEvents.ts';

/** An action as it was projected before the latest edits. */
export interface ProjectedAction {
  actionId: string;
  what: string;
  ownerKind?: string | null;
  ownerId?: string | null;
  dueDate?: string | null;
  status: string;
}

const contributionQuietMs = 10 * 60 * 1000;

/** Who made an edit, as a notification names them. */
function authorOf(auth: AuthContext | undefined): Pick<NotificationEvent, 'who' | 'author'> {
  if (!auth) return { who: 'Concerto', author: { kind: 'concerto' } };
  const memberId = memberIdOf(auth.actor);
  return {
    who: auth.displayName,
    author: memberId
      ? { kind: 'familyMember', memberId }
      : { kind: 'professional', userId: userIdOf(auth.actor) ?? '' },
  };
}

/**
 * Turns edits of a shared plan into notifications: the owner of an action that changed is told (unless
 * they changed it themselves), and a family member's words or comment tell the referent and coordinator
 * (at most once per ten minutes per member and plan, not once per keystroke). The notification service
 * asks the policy whether each one may be told.
 */
export class PlanNotifier {
  private readonly lastAuthor = new Map<string, AuthContext>();
  private readonly lastContribution = new Map<string, number>();

  /** Someone's edit reached the document `spaceId` of `familyId`. */
  edited(spaceId: string, familyId: string, auth: AuthContext): void {
    this.lastAuthor.set(spaceId, auth);
    const memberId = memberIdOf(auth.actor);
    if (!memberId) return;
    const key = `${spaceId}:${memberId}`;
    const now = Date.now();
    if (now - (this.lastContribution.get(key) ?? 0) < contributionQuietMs) return;
    this.lastContribution.set(key, now);
    void this.tellListeners(spaceId, familyId, auth);
  }

  private async tellListeners(spaceId: string, familyId: string, auth: AuthContext): Promise<void> {
    const family = await FamilyModel.findById(familyId, familyProjection);
    if (!family) return;
    announceNotification({
      familyId,
      kind: 'familyContribution',
      ...authorOf(auth),
      link: `/families/${familyId}/spaces/${spaceId}`,
      target: { kind: 'space', spaceId },
      recipients: familyWordsListeners(scopeOf(family)).map((userId) => ({ kind: 'professional', userId })),
    });
  }

  /** The plan's actions were projected again: tell the owner of each one that changed. */
  projected(spaceId: string, familyId: string, before: ProjectedAction[], after: PlanAction[]): void {
    const author = this.lastAuthor.get(spaceId);
    const previous = new Map(before.map((action) => [action.actionId, action]));
    for (const action of after) {
      const old = previous.get(action.id);
      const owner = action.owner;
      if (!owner?.id || (owner.kind !== 'member' && owner.kind !== 'professional')) continue;
      const changed =
        !old ||
        old.status !== action.status ||
        old.what !== (action.what || '—') ||
        (old.dueDate ?? null) !== action.dueDate ||
        old.ownerId !== owner.id;
      if (!changed || (author && ownsPlanAction(author.actor, owner))) continue;
      const recipient: Recipient =
        owner.kind === 'member'
          ? { kind: 'familyMember', memberId: owner.id }
          : { kind: 'professional', userId: owner.id };
      announceNotification({
        familyId,
        kind: 'actionChanged',
        ...authorOf(author),
        link: `/families/${familyId}/spaces/${spaceId}`,
        target: { kind: 'space', spaceId },
        recipients: [recipient],
      });
    }
  }
}
