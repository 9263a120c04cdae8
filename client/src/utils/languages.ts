/**
 * Languages offered for a family member's preferred language: the three of the interface first, then
 * languages often spoken by families met in Brussels and Wallonia. Names come from Intl.DisplayNames.
 */
export const memberLanguages = [
  'fr',
  'nl',
  'en',
  'ar',
  'tr',
  'ro',
  'bg',
  'pl',
  'es',
  'pt',
  'it',
  'de',
  'ru',
  'uk',
  'fa',
  'ps',
  'so',
  'ti',
  'am',
  'ln',
  'sw',
  'zh',
] as const;
