import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { duplicateJsonKeys } from '../support/duplicateJsonKeys.ts';

// A key written twice in a locale file shows only one of its texts, chosen by position, silently.
const i18nRoot = path.resolve(import.meta.dirname, '../../client/src/i18n');
const localeFiles = readdirSync(i18nRoot, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.json'))
  .sort();

describe('no key twice in a locale file', () => {
  it('the scanner names a key repeated in one object, however deep, and nothing else', () => {
    const text = '{"a": {"b": "x", "c": ["{\\"b\\": 1}", {"b": 1, "b": 2}], "b": "y\\""}, "b": {"a": 1}}';
    expect(duplicateJsonKeys(text)).toEqual(['a.c[1].b', 'a.b']);
    expect(duplicateJsonKeys('{"a": 1, "b": {"a": [true, null, -1.5e3]}}')).toEqual([]);
  });

  it('finds every locale file', () => {
    expect(localeFiles).toEqual(expect.arrayContaining(['fr.json', 'ar.json', 'templates/tr.json']));
  });

  for (const file of localeFiles) {
    it(file, () => {
      const text = readFileSync(path.join(i18nRoot, file), 'utf8');
      expect(duplicateJsonKeys(text)).toEqual([]);
    });
  }
});
