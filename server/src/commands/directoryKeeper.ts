import { normalizeSearchText, serviceKindTerms, type ServiceKind } from '@concerto/shared';

/** The text the directory search runs against: name, the kind's words in fr/nl/en, offer, address. */
export function searchTextOf(entry: {
  name: string;
  kind: string;
  offer?: string;
  address?: string;
}): string {
  const kindWords = serviceKindTerms[entry.kind as ServiceKind] ?? [];
  return normalizeSearchText([entry.name, ...kindWords, entry.offer ?? '', entry.address ?? ''].join(' '));
}

/** A regular expression matching every word of a query, in any order (words escaped, already normalised). */
export function queryPattern(query: string): RegExp | null {
  const words = normalizeSearchText(query).split(' ').filter(Boolean);
  if (words.length === 0) return null;
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Words are separated by single spaces once normalised; \b would only see Latin letters as word characters.
  return new RegExp(escaped.map((word) => `(?=.*(?:^| )${word})`).join(''));
}
