import type { NotificationKind } from '@concerto/shared';

const languages = ['fr', 'nl', 'en', 'ar', 'tr'] as const;
/** A language messages outside the app are written in. */
export type MessageLanguage = (typeof languages)[number];

type Texts = Record<NotificationKind, string> & {
  someone: string;
  subject: string;
  open: string;
  digest: string;
};

/**
 * What each kind says, with only who did it: never the family's name, a service or what was written.
 * `{who}` is a name, or "the team" when the recipient may not see who acted. Arabic and Turkish await a
 * native speaker's review, as the family's screens do (client/src/i18n/family-languages.json).
 */
const texts: Record<MessageLanguage, Texts> = {
  fr: {
    concertationInvitation: '{who} vous invite à une concertation.',
    positionAwaited: '{who} vous demande votre avis sur une proposition.',
    actionChanged: 'Une action à votre nom a changé. Changement fait par : {who}.',
    familyContribution: '{who} a écrit dans le plan.',
    referralFollowUp: 'Une réorientation attend un suivi.',
    someone: "L'équipe",
    subject: 'Concerto : du nouveau pour vous',
    open: 'Ouvrir dans Concerto',
    digest: 'Concerto : votre résumé du jour',
  },
  nl: {
    concertationInvitation: '{who} nodigt u uit voor een overleg.',
    positionAwaited: '{who} vraagt uw mening over een voorstel.',
    actionChanged: 'Een actie op uw naam is gewijzigd door: {who}.',
    familyContribution: '{who} heeft in het plan geschreven.',
    referralFollowUp: 'Een doorverwijzing wacht op opvolging.',
    someone: 'Het team',
    subject: 'Concerto: er is iets nieuws voor u',
    open: 'Openen in Concerto',
    digest: 'Concerto: uw dagelijkse samenvatting',
  },
  en: {
    concertationInvitation: '{who} invites you to a concertation.',
    positionAwaited: '{who} asks your view on a proposal.',
    actionChanged: 'An action in your name was changed by: {who}.',
    familyContribution: '{who} wrote in the plan.',
    referralFollowUp: 'A referral needs follow-up.',
    someone: 'The team',
    subject: 'Concerto: something new for you',
    open: 'Open in Concerto',
    digest: 'Concerto: your daily summary',
  },
  ar: {
    concertationInvitation: '{who} يدعوك إلى اجتماع تشاور.',
    positionAwaited: '{who} يطلب رأيك في اقتراح.',
    actionChanged: 'تغيّرت مهمة باسمك. قام بالتغيير: {who}.',
    familyContribution: '{who} كتب في الخطة.',
    referralFollowUp: 'توجيه ينتظر المتابعة.',
    someone: 'الفريق',
    subject: 'Concerto: جديد لك',
    open: 'افتح في Concerto',
    digest: 'Concerto: ملخّص يومك',
  },
  tr: {
    concertationInvitation: '{who} sizi bir toplantıya davet ediyor.',
    positionAwaited: '{who} bir öneri hakkında görüşünüzü soruyor.',
    actionChanged: 'Adınıza olan bir görev değişti. Değiştiren: {who}.',
    familyContribution: '{who} plana yazdı.',
    referralFollowUp: 'Bir yönlendirme takip bekliyor.',
    someone: 'Ekip',
    subject: 'Concerto: sizin için yeni bir şey var',
    open: "Concerto'da aç",
    digest: 'Concerto: günlük özetiniz',
  },
};

/** The recipient's language for messages sent outside the app (French unless she reads another one). */
export function messageLanguage(preferred: string | null | undefined): MessageLanguage {
  return languages.find((language) => language === preferred) ?? 'fr';
}

/** One line saying who did what kind of thing; `who` null when the recipient may not see who acted. */
export function notificationLine(
  language: MessageLanguage,
  kind: NotificationKind,
  who: string | null,
): string {
  return texts[language][kind].replace('{who}', who ?? texts[language].someone);
}

/** The fixed words around a message: subject, digest subject, and the link's label. */
export function messageWords(language: MessageLanguage) {
  const { subject, open, digest } = texts[language];
  return { subject, open, digest };
}
