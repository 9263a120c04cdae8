import { describe, expect, it } from 'vitest';
import { DirectoryEntryInputSchema, entryPointPlaces } from '@concerto/shared';
import { demoDirectory } from '../../server/src/demo/demoDirectory.ts';

describe('demo data for the entry points and the directory', () => {
  it('covers the kinds of services the seeds name, each entry valid', () => {
    for (const entry of demoDirectory) expect(DirectoryEntryInputSchema.safeParse(entry).success).toBe(true);
    const kinds = new Set(demoDirectory.map((entry) => entry.kind));
    for (const kind of [
      'housing',
      'legalAid',
      'mentalHealth',
      'childcare',
      'violenceSupport',
      'cpas',
      'generalPractitioner',
      'familyPlanning',
      'addiction',
    ])
      expect(kinds, kind).toContain(kind);
  });

  it('offers the initial-assessment doors of the guidelines, and "other"', () => {
    expect(entryPointPlaces.initialAssessment).toEqual(
      expect.arrayContaining([
        'generalPractitioner',
        'midwife',
        'hospital',
        'gynaecologist',
        'familyPlanning',
        'cpas',
        'one',
        'other',
      ]),
    );
    expect(entryPointPlaces.orientation).toContain('pharmacy');
  });
});
