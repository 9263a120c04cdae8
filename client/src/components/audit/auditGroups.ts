import type { AuditEntry } from '../../types/contract.ts';

/** What one person read or changed on one day, each part once (a space with its title). */
export interface PersonOfTheDay {
  key: string;
  name: string;
  detail: string | null;
  read: { part: string; spaceTitle: string | null }[];
  write: { part: string; spaceTitle: string | null }[];
}

/** One day of the trail, newest first, with its people in the order they last acted. */
export interface AuditDay {
  day: string;
  people: PersonOfTheDay[];
}

/** Groups entries by local calendar day, then by person; repeated reads of the same part count once. */
export function groupByDayAndPerson(entries: readonly AuditEntry[]): AuditDay[] {
  const days = new Map<string, Map<string, PersonOfTheDay>>();
  const sorted = [...entries].sort((a, b) => b.at.localeCompare(a.at));
  for (const entry of sorted) {
    const at = new Date(entry.at);
    const day = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
    const people = days.get(day) ?? new Map<string, PersonOfTheDay>();
    days.set(day, people);
    const key = `${entry.actor.kind}:${entry.actor.displayName}:${entry.actor.detail ?? ''}`;
    const person = people.get(key) ?? {
      key,
      name: entry.actor.displayName,
      detail: entry.actor.detail,
      read: [],
      write: [],
    };
    people.set(key, person);
    const spaceTitle = entry.space?.title ?? null;
    const list = person[entry.access];
    if (!list.some((item) => item.part === entry.part && item.spaceTitle === spaceTitle))
      list.push({ part: entry.part, spaceTitle });
  }
  return [...days].map(([day, people]) => ({ day, people: [...people.values()] }));
}
