import { ar } from './memberDataLabels/ar.ts';
import { en } from './memberDataLabels/en.ts';
import { fr } from './memberDataLabels/fr.ts';
import type { MemberDataLabels } from './memberDataLabels/labels.ts';
import { nl } from './memberDataLabels/nl.ts';
import { tr } from './memberDataLabels/tr.ts';

export type { MemberDataLabels } from './memberDataLabels/labels.ts';

// The languages the family's screens are offered in (client/src/i18n: fr, nl, en, ar, tr).
const byLanguage: Record<string, MemberDataLabels> = { fr, nl, en, ar, tr };

/** The download's words in the member's language; French for a language the screens do not offer. */
export function memberDataLabels(language: string): MemberDataLabels {
  const labels = byLanguage[language] ?? fr;
  return { ...labels, indicators: labels.indicators ?? fr.indicators };
}

/** A label's text with `{date}` replaced. */
export const withDate = (text: string, date: string): string => text.replace('{date}', date);
