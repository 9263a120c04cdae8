import type { RoomParticipant } from '@concerto/shared';

/**
 * What to show under a participant's name: a professional's profession and organisation as the server
 * sends them, a family member's role translated (the server sends the role's code).
 */
export function participantDetail(
  participant: Pick<RoomParticipant, 'kind' | 'detail'>,
  t: (key: string) => string,
  te: (key: string) => boolean,
  professionLabel: (profession: string) => string = (profession) => profession,
): string {
  if (!participant.detail) return '';
  if (participant.kind === 'familyMember' && te(`memberRole.${participant.detail}`))
    return t(`memberRole.${participant.detail}`);
  // A professional's detail is "profession · organisation": the profession is shown in the reader's language.
  const [profession = '', ...rest] = participant.detail.split(' · ');
  return [professionLabel(profession), ...rest].join(' · ');
}
