import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const i18nRoot = path.resolve(import.meta.dirname, '../../client/src/i18n');
/** Languages of every screen: the same keys everywhere. */
const locales = ['fr', 'nl', 'en'];
/** Languages of the family's screens: the keys of `familyScope` (family-languages.json), nothing else. */
const familyLocales = ['ar', 'tr'];
const familyLanguages = JSON.parse(readFileSync(path.join(i18nRoot, 'family-languages.json'), 'utf8')) as {
  familyScope: Record<string, string[]>;
  needsReview: Record<string, Record<string, string[]>>;
};

function flatten(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, child]) => flatten(child, prefix ? `${prefix}.${key}` : key));
}

function read(folder: string, locale: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(folder, `${locale}.json`), 'utf8'));
}

function textOf(messages: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
}

/** What a translation must keep from the French: its placeholders and its number of plural forms. */
function shapeOf(text: string): { placeholders: string[]; forms: number } {
  return {
    placeholders: [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort(),
    forms: text.split(' | ').length,
  };
}

/** Every folder holding message files: the main one and one per feature. */
const folders = [
  i18nRoot,
  ...readdirSync(i18nRoot)
    .map((entry) => path.join(i18nRoot, entry))
    .filter((entry) => statSync(entry).isDirectory()),
];
const folderName = (folder: string) => path.relative(i18nRoot, folder) || 'main';

describe('translations', () => {
  for (const folder of folders) {
    it(`${folderName(folder)}: French, Dutch and English have the same keys and no empty text`, () => {
      const keys = locales.map((locale) => {
        const messages = read(folder, locale);
        const flat = flatten(messages).filter(Boolean);
        for (const key of flat) {
          const text = textOf(messages, key);
          expect(typeof text === 'string' && text.trim().length > 0, `${locale}: ${key}`).toBe(true);
        }
        return flat.sort();
      });
      expect(keys[1]).toEqual(keys[0]);
      expect(keys[2]).toEqual(keys[0]);
    });

    it(`${folderName(folder)}: Arabic and Turkish have every family-facing key, with the French placeholders and plural forms`, () => {
      const french = read(folder, 'fr');
      const frenchKeys = flatten(french).filter(Boolean);
      const scope = familyLanguages.familyScope[folderName(folder)] ?? [];
      const familyKeys = frenchKeys.filter((key) =>
        scope.some((prefix) => key === prefix || key.startsWith(`${prefix}.`)),
      );
      for (const locale of familyLocales) {
        const file = path.join(folder, `${locale}.json`);
        if (familyKeys.length === 0 && !existsSync(file)) continue;
        const messages = read(folder, locale);
        const keys = flatten(messages).filter(Boolean);
        expect(
          keys.filter((key) => !frenchKeys.includes(key)),
          `${locale}: keys French does not have`,
        ).toEqual([]);
        expect(
          familyKeys.filter((key) => !keys.includes(key)),
          `${locale}: family-facing keys missing`,
        ).toEqual([]);
        for (const key of keys) {
          const text = textOf(messages, key);
          expect(typeof text === 'string' && text.trim().length > 0, `${locale}: ${key}`).toBe(true);
          expect(shapeOf(text as string), `${locale}: ${key}`).toEqual(
            shapeOf(textOf(french, key) as string),
          );
        }
        expect(
          familyLanguages.needsReview[locale]?.[folderName(folder)],
          `${locale} review list`,
        ).toBeDefined();
      }
    });
  }

  it('family-facing French is plain: no inclusive dots such as « Choisi·e »', () => {
    for (const folder of folders) {
      const french = read(folder, 'fr');
      const scope = familyLanguages.familyScope[folderName(folder)] ?? [];
      for (const key of flatten(french).filter(Boolean)) {
        if (!scope.some((prefix) => key === prefix || key.startsWith(`${prefix}.`))) continue;
        expect(textOf(french, key), `fr: ${key}`).not.toMatch(/\w·\w/);
      }
    }
  });
});
