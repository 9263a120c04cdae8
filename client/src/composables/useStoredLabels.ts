import { useI18n } from 'vue-i18n';

// Defaults that were stored as French text (agenda items written by the schedule form, job titles typed
// by access managers) are shown in the reader's language: the stored text is read back as a message key.

/** The agenda items a new concertation starts with (keys of `concertation.form.defaultAgenda`). */
export const defaultAgendaItems = ['familyNeeds', 'plan', 'functions', 'decisions'] as const;

/** Default agenda items as the schedule form stored them before they were worded plainly. */
const legacyAgendaTexts: Record<string, string> = {
  'Fonctions : référent·e, coordination': 'functions',
};

/** Common job titles, as typed in French (accents and case aside), to their message key. */
const professionKeys: Record<string, string> = {
  'sage-femme': 'midwife',
  'sage femme': 'midwife',
  'medecin generaliste': 'generalPractitioner',
  'medecin traitant': 'generalPractitioner',
  'psychologue perinatale': 'perinatalPsychologist',
  'psychologue perinatal': 'perinatalPsychologist',
  psychologue: 'psychologist',
  'assistante sociale': 'socialWorker',
  'assistant social': 'socialWorker',
  "pep's": 'peps',
  peps: 'peps',
  pediatre: 'paediatrician',
  gynecologue: 'gynaecologist',
  'gynecologue-obstetricien': 'gynaecologist',
  infirmiere: 'nurse',
  infirmier: 'nurse',
};

function normalised(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’`]/g, "'")
    .trim()
    .toLowerCase();
}

/** Shows stored default texts (agenda items, job titles) in the reader's language; other text as typed. */
export function useStoredLabels() {
  const { t, availableLocales } = useI18n();

  /** An agenda item's title: a default item in the reader's language, anything else as written. */
  function agendaTitle(title: string): string {
    const text = title.trim();
    const legacy = legacyAgendaTexts[text];
    if (legacy) return t(`concertation.form.defaultAgenda.${legacy}`);
    // The schedule form stores default items in its user's language: recognise those of every loaded one.
    for (const code of availableLocales) {
      const item = defaultAgendaItems.find(
        (name) => t(`concertation.form.defaultAgenda.${name}`, {}, { locale: code }) === text,
      );
      if (item) return t(`concertation.form.defaultAgenda.${item}`);
    }
    return title;
  }

  /** A job title: a common one in the reader's language, anything else as typed. */
  function professionLabel(profession: string | null | undefined): string {
    if (!profession) return '';
    const key = professionKeys[normalised(profession)];
    return key ? t(`profession.${key}`) : profession;
  }

  return { agendaTitle, professionLabel };
}
