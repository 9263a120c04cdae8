import type { FamilyModel } from '../models/family.ts';

type FamilyHydrated = InstanceType<typeof FamilyModel>;
type Screening = { scenario: 'O' | 'A' | 'B'; at: Date; recordedBy: unknown };

/**
 * The family's BIB screenings, oldest first. A file recorded before the series existed holds only its one
 * `screening`: it counts as the first of the series.
 */
export function screeningSeries(family: Pick<FamilyHydrated, 'screening' | 'screenings'>): Screening[] {
  const series: Screening[] = (family.screenings ?? []).map((entry) => ({
    scenario: entry.scenario,
    at: entry.at,
    recordedBy: entry.recordedBy,
  }));
  const legacy = family.screening;
  if (series.length === 0 && legacy?.scenario && legacy.at)
    series.push({ scenario: legacy.scenario, at: legacy.at, recordedBy: legacy.recordedBy });
  // Stable sort: two screenings of the same day keep the order they were recorded in.
  return series.sort((first, second) => first.at.getTime() - second.at.getTime());
}

/**
 * Adds one BIB screening to the family's dated series (seed 004, line 427: « suivre l'évolution de certains
 * scores ») and the screening service it proves; `screening` becomes the latest by date, so recording an
 * older screening afterwards never replaces a newer scenario.
 */
export function addScreening(
  family: FamilyHydrated,
  screening: { scenario: 'O' | 'A' | 'B'; at: Date; recorderId: string },
): void {
  const series = screeningSeries(family);
  series.push({ scenario: screening.scenario, at: screening.at, recordedBy: screening.recorderId });
  family.set('screenings', series);
  const latest = screeningSeries(family).at(-1)!;
  family.screening = { scenario: latest.scenario, at: latest.at, recordedBy: latest.recordedBy } as never;
  family.services.push({
    service: 'screening',
    at: screening.at,
    deliveredBy: screening.recorderId,
    note: `BIB ${screening.scenario}`,
  });
}
