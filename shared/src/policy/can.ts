import type { Actor, FamilyScope, SharedItem } from './actor.ts';
import { accountActions, canOnAccounts, type AccountAction } from './organisations.ts';
import {
  canOnConcertation,
  concertationActions,
  type ConcertationAction,
  type ConcertationScope,
} from './concertations.ts';
import { canOnDecision, decisionActions, type DecisionAction, type DecisionScope } from './decisions.ts';
import {
  canOnDirectory,
  directoryActions,
  type DirectoryAction,
  type DirectoryEntryScope,
} from './directory.ts';
import { fileAllows } from './closing.ts';
import { canOnFigures, figuresActions, type FiguresAction, type FiguresScope } from './figures.ts';
import {
  canOnContact,
  canOnContactLog,
  contactActions,
  contactLogActions,
  type ContactAction,
  type ContactLogAction,
  type ContactScope,
} from './contacts.ts';
import {
  attachmentActions,
  canOnAttachment,
  type AttachmentAction,
  type AttachmentScope,
} from './attachments.ts';
import { canOnFamily, familyActions, type FamilyAction } from './family.ts';
import { canOnItem, itemActions, type ItemAction } from './items.ts';
import {
  canOnNetworkMeeting,
  networkMeetingActions,
  type NetworkMeetingAction,
  type NetworkMeetingScope,
} from './network.ts';
import { canOnReferral, referralActions, type ReferralAction, type ReferralScope } from './referrals.ts';
import {
  canOnSpace,
  spaceActions,
  type SpaceAction,
  type SpaceFamilyScope,
  type SpaceScope,
} from './spaces.ts';

/** Every action the policy knows. */
export type Action =
  | FamilyAction
  | ItemAction
  | AccountAction
  | ConcertationAction
  | DecisionAction
  | ReferralAction
  | SpaceAction
  | NetworkMeetingAction
  | DirectoryAction
  | FiguresAction
  | ContactLogAction
  | ContactAction
  | AttachmentAction;

/** What an action is about. */
export type Resource =
  | { kind: 'platform' }
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'family'; family: FamilyScope }
  | { kind: 'item'; family: FamilyScope; item: SharedItem }
  | { kind: 'concertation'; family: FamilyScope; concertation: ConcertationScope }
  | { kind: 'decision'; family: FamilyScope; decision: DecisionScope }
  | { kind: 'referral'; family: FamilyScope; referral: ReferralScope }
  | { kind: 'space'; family: SpaceFamilyScope; space: SpaceScope }
  | { kind: 'networkMeeting'; meeting: NetworkMeetingScope }
  | { kind: 'directory'; entry: DirectoryEntryScope | null }
  | { kind: 'figures'; scope: FiguresScope }
  | { kind: 'contactLog'; family: FamilyScope }
  | { kind: 'contact'; family: FamilyScope; contact: ContactScope }
  | { kind: 'attachment'; family: SpaceFamilyScope; attachment: AttachmentScope };

const includes = <T extends string>(list: readonly T[], action: string): action is T =>
  (list as readonly string[]).includes(action);

/**
 * The one permission policy: every channel (REST, collaboration websocket, Socket.io room, exports,
 * minutes) asks it. Pure: everything it needs is in its arguments. An action that does not belong to
 * the resource's kind is refused.
 */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if ('family' in resource && !fileAllows(resource.family, action)) return false;
  switch (resource.kind) {
    case 'platform':
    case 'organisation':
      return includes(accountActions, action) && canOnAccounts(actor, action, resource);
    case 'family':
      return includes(familyActions, action) && canOnFamily(actor, action, resource.family);
    case 'item':
      return includes(itemActions, action) && canOnItem(actor, action, resource.family, resource.item);
    case 'concertation':
      return (
        includes(concertationActions, action) &&
        canOnConcertation(actor, action, resource.family, resource.concertation)
      );
    case 'decision':
      return (
        includes(decisionActions, action) && canOnDecision(actor, action, resource.family, resource.decision)
      );
    case 'referral':
      return (
        includes(referralActions, action) && canOnReferral(actor, action, resource.family, resource.referral)
      );
    case 'space':
      return includes(spaceActions, action) && canOnSpace(actor, action, resource.family, resource.space);
    case 'networkMeeting':
      return includes(networkMeetingActions, action) && canOnNetworkMeeting(actor, action, resource.meeting);
    case 'directory':
      return includes(directoryActions, action) && canOnDirectory(actor, action, resource.entry);
    case 'figures':
      return includes(figuresActions, action) && canOnFigures(actor, action, resource.scope);
    case 'contactLog':
      return includes(contactLogActions, action) && canOnContactLog(actor, action, resource.family);
    case 'contact':
      return (
        includes(contactActions, action) && canOnContact(actor, action, resource.family, resource.contact)
      );
    case 'attachment':
      return (
        includes(attachmentActions, action) &&
        canOnAttachment(actor, action, resource.family, resource.attachment)
      );
  }
}
