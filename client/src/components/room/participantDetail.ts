import type { RoomParticipant } from '@concerto/shared';

/**
 * What to show under a participant's name: a professional's profession and organisation as the server
 * sends them, a family member's role translated (the server sends the role's code), an interpreter's role
 * and language.
 */
export function participantDetail(
  participant: Pick<RoomParticipant, 'kind' | 'detail'>,
  t: (key: string) => string,
  te: (key: string) => boolean,
  professionLabel: (profession: string) => string = (profession) => profession,
): string {
  // An interpreter: "Interprète (arabe — service)", her language as the professional typed it.
  if (participant.kind === 'guest') return `${t('interpreter.role')} (${participant.detail ?? ''})`;
  if (!participant.detail) return '';
  if (participant.kind === 'familyMember' && te(`memberRole.${participant.detail}`))
    return t(`memberRole.${participant.detail}`);
  // A professional's detail is "profession · organisation": the profession is shown in the reader's language.
  const [profession = '', ...rest] = participant.detail.split(' · ');
  return [professionLabel(profession), ...rest].join(' · ');
}
