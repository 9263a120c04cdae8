import type { FamilyView, SpaceAudience, SpaceKind } from '@concerto/shared';
import { validationMessageKey } from '../../utils/validation.ts';

/** What each professional may do in the space being edited ('none': not chosen, with `selected`). */
export type ProfessionalChoice = 'none' | 'read' | 'write';
/** What each family member may do: chosen one by one, never for "the family" as a block. */
export type MemberChoice = 'none' | 'read' | 'contribute' | 'write';

/** An audience as the editor holds it: one choice per person on screen. */
export interface AudienceDraft {
  team: SpaceAudience['team'];
  teamAccess: SpaceAudience['teamAccess'];
  professionals: Record<string, ProfessionalChoice>;
  members: Record<string, MemberChoice>;
}

/** Whether family members may be in this kind of space (the team's notes and health are professionals only). */
export function membersAllowed(kind: SpaceKind): boolean {
  return kind === 'sharedPlan' || kind === 'custom';
}

/** The current team, in the order of the file. */
export function currentTeam(view: FamilyView) {
  return view.team.filter((membership) => !membership.endedAt);
}

/** The professionals the team choice covers (everyone, Role A only, or those one picks); health is Role A only. */
export function professionalsInScope(view: FamilyView, team: SpaceAudience['team'], kind: SpaceKind) {
  if (team === 'none') return [];
  if (team === 'roleA' || kind === 'health')
    return currentTeam(view).filter((membership) => membership.healthRole === 'A');
  return currentTeam(view);
}

/** The editor's draft of a stored audience (or of the default one: the whole team may edit). */
export function draftOf(view: FamilyView, audience?: SpaceAudience): AudienceDraft {
  const teamAccess = audience?.teamAccess ?? 'write';
  const professionals: Record<string, ProfessionalChoice> = {};
  for (const membership of currentTeam(view)) {
    const id = membership.professionalId;
    const exception = audience?.professionalAccess.find((entry) => entry.professionalId === id)?.access;
    const chosen = audience?.team !== 'selected' || audience.professionalIds.includes(id);
    professionals[id] = chosen ? (exception ?? teamAccess) : 'none';
  }
  const members: Record<string, MemberChoice> = {};
  for (const member of view.members) {
    members[member.id] = audience?.members.find((entry) => entry.memberId === member.id)?.access ?? 'none';
  }
  return { team: audience?.team ?? 'allTeam', teamAccess, professionals, members };
}

/** The audience the API expects, from the draft. Members keep the order of the file. */
export function audienceOf(view: FamilyView, draft: AudienceDraft, kind: SpaceKind): SpaceAudience {
  const inScope = professionalsInScope(view, draft.team, kind).map((membership) => membership.professionalId);
  const chosen = inScope.filter((id) => (draft.professionals[id] ?? 'none') !== 'none');
  return {
    team: draft.team,
    professionalIds: draft.team === 'selected' ? chosen : [],
    teamAccess: draft.teamAccess,
    professionalAccess: chosen
      .filter((id) => draft.professionals[id] !== draft.teamAccess)
      .map((id) => ({ professionalId: id, access: draft.professionals[id] as 'read' | 'write' })),
    members: membersAllowed(kind)
      ? view.members
          .filter((member) => (draft.members[member.id] ?? 'none') !== 'none')
          .map((member) => ({
            memberId: member.id,
            access: draft.members[member.id] as 'read' | 'contribute' | 'write',
          }))
      : [],
  };
}

/**
 * Where a server problem (`audience.members.0.memberId`) belongs in the editor (`member:<id>`), using the
 * audience that was sent to find who is at that index.
 */
export function problemKey(path: string, sent: SpaceAudience): string {
  const member = /^audience\.members\.(\d+)/.exec(path);
  if (member) return `member:${sent.members[Number(member[1])]?.memberId ?? ''}`;
  const professional = /^audience\.(?:professionalIds|professionalAccess)\.(\d+)/.exec(path);
  if (professional) {
    const index = Number(professional[1]);
    const id = path.includes('professionalIds')
      ? sent.professionalIds[index]
      : sent.professionalAccess[index]?.professionalId;
    return `professional:${id ?? ''}`;
  }
  if (path.startsWith('audience.members')) return 'members';
  if (path.startsWith('audience')) return 'team';
  return path;
}

/** The i18n key of a server problem with the audience or the title. */
export function problemMessageKey(message: string): string {
  if (message === 'not a member of this family') return 'plan.audience.errors.notMember';
  if (message === 'not on the care team') return 'plan.audience.errors.notOnTeam';
  if (message.endsWith('is for professionals only')) return 'plan.audience.errors.professionalsOnly';
  return validationMessageKey(message);
}
