import { createI18n } from 'vue-i18n';
import fr from './fr.json';
import nl from './nl.json';
import en from './en.json';
import planFr from './plan/fr.json';
import planNl from './plan/nl.json';
import planEn from './plan/en.json';
import concertationFr from './concertation/fr.json';
import concertationNl from './concertation/nl.json';
import concertationEn from './concertation/en.json';
import continuityFr from './continuity/fr.json';
import continuityNl from './continuity/nl.json';
import continuityEn from './continuity/en.json';
import accessFr from './access/fr.json';
import accessNl from './access/nl.json';
import accessEn from './access/en.json';

/** The languages of the interface, French first. */
export const supportedLocales = ['fr', 'nl', 'en'] as const;

/** One of the interface languages. */
export type Locale = (typeof supportedLocales)[number];

const storageKey = 'concerto.locale';

function isLocale(value: unknown): value is Locale {
  return supportedLocales.includes(value as Locale);
}

function rememberedLocale(): Locale {
  try {
    const stored = localStorage.getItem(storageKey);
    return isLocale(stored) ? stored : 'fr';
  } catch {
    return 'fr';
  }
}

/** The vue-i18n instance: French by default, or the language the user chose last time on this device. */
export const i18n = createI18n({
  legacy: false,
  locale: rememberedLocale(),
  fallbackLocale: 'fr',
  // Features keep their messages in their own files (i18n/<feature>/<locale>.json), under their own key.
  messages: {
    fr: { ...fr, plan: planFr, concertation: concertationFr, continuity: continuityFr, access: accessFr },
    nl: { ...nl, plan: planNl, concertation: concertationNl, continuity: continuityNl, access: accessNl },
    en: { ...en, plan: planEn, concertation: concertationEn, continuity: continuityEn, access: accessEn },
  },
});

/** Switches the interface language, remembers it on this device and updates `<html lang>`. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this visit only.
  }
}
