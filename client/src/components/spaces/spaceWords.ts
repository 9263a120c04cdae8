import type { FamilyView, SpaceAudience, SpaceView } from '@concerto/shared';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** A space's title: the three spaces every family has are named in the reader's language. */
export function spaceTitle(space: Pick<SpaceView, 'kind' | 'title'>, t: Translate): string {
  return space.kind === 'custom' ? space.title : t(`plan.spaceKind.${space.kind}`);
}

function professionalName(view: FamilyView, professionalId: string, t: Translate): string {
  return (
    view.team.find((membership) => membership.professionalId === professionalId)?.displayName ??
    t('plan.audience.summary.formerProfessional')
  );
}

function teamPart(
  audience: SpaceAudience,
  kind: SpaceView['kind'],
  view: FamilyView,
  t: Translate,
): string | null {
  // The health space is Role A only whatever its audience says (the server enforces it).
  const team = kind === 'health' && audience.team === 'allTeam' ? 'roleA' : audience.team;
  if (team === 'none') return null;
  const who =
    team === 'selected'
      ? audience.professionalIds.map((id) => professionalName(view, id, t)).join(', ') ||
        t('plan.audience.summary.noProfessional')
      : t(`plan.audience.summary.${team}`);
  const withAccess = audience.teamAccess === 'read' ? t('plan.audience.summary.readOnly', { who }) : who;
  const exceptions = audience.professionalAccess
    .filter((entry) => entry.access !== audience.teamAccess)
    .filter((entry) => team !== 'selected' || audience.professionalIds.includes(entry.professionalId))
    .map((entry) =>
      t(`plan.audience.summary.exception.${entry.access}`, {
        name: professionalName(view, entry.professionalId, t),
      }),
    );
  return exceptions.length
    ? t('plan.audience.summary.withExceptions', { team: withAccess, exceptions: exceptions.join(', ') })
    : withAccess;
}

/** The audience in words: "Toute l'équipe + Maria (peut ajouter ses mots)". */
export function audienceSummary(
  audience: SpaceAudience,
  kind: SpaceView['kind'],
  view: FamilyView,
  t: Translate,
): string {
  const parts: string[] = [];
  const team = teamPart(audience, kind, view, t);
  if (team) parts.push(team);
  for (const entry of audience.members) {
    const name = view.members.find((member) => member.id === entry.memberId)?.displayName;
    if (name) parts.push(t(`plan.audience.summary.member.${entry.access}`, { name }));
  }
  return parts.length ? parts.join(' + ') : t('plan.audience.summary.nobody');
}
