import type { EditAuthor, SpaceVersion } from '@concerto/shared';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** A version's name: the one a professional gave it, or one said from why it was kept. */
export function versionLabel(version: SpaceVersion, t: Translate, formatDay: (at: string) => string): string {
  if (version.name) return version.name;
  if (version.reason === 'concertationOpened' || version.reason === 'concertationClosed')
    return t(`history.reason.${version.reason}`, {
      date: formatDay(version.concertationAt ?? version.createdAt),
    });
  return t(`history.reason.${version.reason}`);
}

/** Authors as one line of names; someone the reader may not know by name is said without it. */
export function authorNames(authors: readonly EditAuthor[], t: Translate): string {
  const names = authors.map(
    (author) =>
      author.name ?? t(author.kind === 'familyMember' ? 'history.author.member' : 'history.author.hidden'),
  );
  return [...new Set(names)].join(', ') || t('history.author.unknown');
}
