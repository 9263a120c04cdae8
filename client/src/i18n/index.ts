import { createI18n } from 'vue-i18n';
import fr from './fr.json';
import planFr from './plan/fr.json';
import concertationFr from './concertation/fr.json';
import continuityFr from './continuity/fr.json';
import accessFr from './access/fr.json';
import historyFr from './history/fr.json';
import closingFr from './closing/fr.json';
import figuresFr from './figures/fr.json';
import assessmentFr from './assessment/fr.json';
import stratumNeedsFr from './stratumNeeds/fr.json';
import contactsFr from './contacts/fr.json';
import fundedServicesFr from './fundedServices/fr.json';
import watchFr from './watch/fr.json';
import interpreterFr from './interpreter/fr.json';
import templatesFr from './templates/fr.json';
import documentsFr from './documents/fr.json';

/** The languages of the interface, French first. Arabic and Turkish cover the family's screens. */
export const supportedLocales = ['fr', 'nl', 'en', 'ar', 'tr'] as const;

/** One of the interface languages. */
export type Locale = (typeof supportedLocales)[number];

/** Languages written right to left: the page is mirrored (`dir="rtl"`, CSS logical properties). */
const rightToLeft: readonly string[] = ['ar'];

const storageKey = 'concerto.locale';

/** Whether a value names one of the interface languages. */
export function isLocale(value: unknown): value is Locale {
  return supportedLocales.includes(value as Locale);
}

/** The language chosen on this device, if any (the switcher remembers it). */
function rememberedLocale(): Locale | null {
  try {
    const stored = localStorage.getItem(storageKey);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

const french = {
  ...fr,
  plan: planFr,
  concertation: concertationFr,
  continuity: continuityFr,
  access: accessFr,
  history: historyFr,
  closing: closingFr,
  figures: figuresFr,
  assessment: assessmentFr,
  stratumNeeds: stratumNeedsFr,
  contacts: contactsFr,
  fundedServices: fundedServicesFr,
  watch: watchFr,
  interpreter: interpreterFr,
  templates: templatesFr,
  documents: documentsFr,
};

/**
 * The vue-i18n instance. French is in the first download (it is the default and every language falls back
 * to it); the others are fetched when chosen. Messages are compiled at build time (vite.config.ts).
 */
export const i18n = createI18n<[typeof french], Locale, false>({
  legacy: false,
  locale: 'fr',
  fallbackLocale: 'fr',
  // Arabic and Turkish translate the family's screens only; professional screens fall back to French.
  fallbackWarn: false,
  missingWarn: false,
  // Features keep their messages in their own files (i18n/<feature>/<locale>.json), under their own key.
  // Only French is here at first; setLocale() adds the others when chosen.
  messages: { fr: french } as Record<Locale, typeof french>,
});

// One chunk per file and language: `./nl.json`, `./plan/nl.json`, …
const messageFiles = import.meta.glob<Record<string, unknown>>('./**/{nl,en,ar,tr}.json', {
  import: 'default',
});

async function loadMessages(locale: Locale): Promise<void> {
  if (i18n.global.availableLocales.includes(locale)) return;
  const files = Object.entries(messageFiles).filter(([file]) => file.endsWith(`/${locale}.json`));
  const parts = await Promise.all(
    files.map(async ([file, load]) => {
      const feature = file.split('/').slice(1, -1).join('.');
      const messages = await load();
      return feature ? { [feature]: messages } : messages;
    }),
  );
  i18n.global.setLocaleMessage(locale, Object.assign({}, ...parts) as typeof french);
}

/** Marks `<html>` with a language and its direction. */
function markPage(locale: Locale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = rightToLeft.includes(locale) ? 'rtl' : 'ltr';
}

function applyToPage(locale: Locale): void {
  i18n.global.locale.value = locale;
  markPage(locale);
}

/** Switches the interface language (fetching its messages), remembers it on this device, updates `<html>`. */
export async function setLocale(locale: Locale): Promise<void> {
  await loadMessages(locale);
  applyToPage(locale);
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this visit only.
  }
}

/** Before the app shows: the language chosen last time on this device, its messages loaded. */
export async function startWithRememberedLocale(): Promise<void> {
  const locale = rememberedLocale() ?? 'fr';
  // The page knows its language and direction at once, before its messages arrive (one request per
  // feature file): marked only afterwards, `<html>` said French and left-to-right after the page's load.
  markPage(locale);
  await loadMessages(locale).catch(() => undefined);
  applyToPage(i18n.global.availableLocales.includes(locale) ? locale : 'fr');
}

/**
 * A family member's recorded language becomes the interface language, unless someone chose one on this
 * device; languages the interface does not have leave it as it is.
 */
export async function followRecordedLanguage(language: string | undefined): Promise<void> {
  if (!isLocale(language) || rememberedLocale() || i18n.global.locale.value === language) return;
  await loadMessages(language);
  applyToPage(language);
}
