import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const i18nRoot = path.resolve(import.meta.dirname, '../../client/src/i18n');
const locales = ['fr', 'nl', 'en'];

function flatten(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, child]) => flatten(child, prefix ? `${prefix}.${key}` : key));
}

/** Every folder holding fr/nl/en message files: the main one and one per feature. */
const folders = [
  i18nRoot,
  ...readdirSync(i18nRoot)
    .map((entry) => path.join(i18nRoot, entry))
    .filter((entry) => statSync(entry).isDirectory()),
];

describe('translations', () => {
  for (const folder of folders) {
    it(`${path.relative(i18nRoot, folder) || 'main'}: French, Dutch and English have the same keys and no empty text`, () => {
      const keys = locales.map((locale) => {
        const messages = JSON.parse(readFileSync(path.join(folder, `${locale}.json`), 'utf8'));
        const flat = flatten(messages).filter(Boolean);
        for (const key of flat) {
          const text = key
            .split('.')
            .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
          expect(typeof text === 'string' && text.trim().length > 0, `${locale}: ${key}`).toBe(true);
        }
        return flat.sort();
      });
      expect(keys[1]).toEqual(keys[0]);
      expect(keys[2]).toEqual(keys[0]);
    });
  }
});
