import {
  addDays,
  computePhase,
  daysBetween,
  daysOfPregnancyFromLastPeriod,
  type Phase,
} from '../domain/phase.ts';

/**
 * Ready-made plan actions from the guidelines (seed 004): the consultation themes of each trimester
 * (lines 502-513) and the administrative steps of the perinatal pathway (lines 978-982). Each is named
 * by a key; the client writes its label, in the language of the professional who adds it, into the plan.
 */

/** When a ready-made action belongs: a trimester, any time in pregnancy, the birth, or the maternity leave. */
export const templatePeriods = ['T1', 'T2', 'T3', 'pregnancy', 'birth', 'maternityLeave'] as const;
/** One period of the catalogue. */
export type TemplatePeriod = (typeof templatePeriods)[number];

/** A ready-made action: its key (`templates.item.<key>`), period, and whether it is a theme or a step. */
export interface PlanTemplate {
  key: string;
  period: TemplatePeriod;
  kind: 'theme' | 'administrative';
}

const themes = (period: TemplatePeriod, keys: string[]): PlanTemplate[] =>
  keys.map((key) => ({ key: `${period}.${key}`, period, kind: 'theme' }));
const steps = (period: TemplatePeriod, keys: string[]): PlanTemplate[] =>
  keys.map((key) => ({ key: `${period}.${key}`, period, kind: 'administrative' }));

/** The catalogue, in the order of the pathway. */
export const planTemplates: readonly PlanTemplate[] = [
  ...themes('T1', [
    'pregnancyAcceptance',
    'screening',
    'discomfortAndStress',
    'lifestyle',
    'addictions',
    'childcareAndMyOne',
    'becomingParentsBooklet',
    'needsIdentification',
    'healthPromotion',
  ]),
  ...steps('T1', ['insurability', 'workLeave', 'crechePreRegistration']),
  ...themes('T2', ['birthPreparationPhysio', 'vaccination', 'babyEquipment', 'revisitWorries']),
  ...steps('T2', ['familyAllowances']),
  ...themes('T3', [
    'birthOrganisation',
    'returnHomeAnticipation',
    'parentingSupport',
    'postpartumCare',
    'postnatalColleague',
  ]),
  ...steps('T3', ['hospitalisationContract', 'maternityLeave', 'secondParentLeave']),
  ...themes('pregnancy', [
    'housing',
    'emotionalLife',
    'feedingAndBreastfeeding',
    'warningSigns',
    'hospitalDialogue',
  ]),
  ...steps('birth', ['birthDeclaration']),
  ...steps('maternityLeave', ['returnToWorkAndChildcare']),
];

const trimesterOf: Partial<Record<Phase, TemplatePeriod>> = {
  prenatalT1: 'T1',
  prenatalT2: 'T2',
  prenatalT3: 'T3',
};
const trimesterOrder: TemplatePeriod[] = ['T1', 'T2', 'T3'];

/** The catalogue as a family's plan needs it on a day: what fits now, what to catch up, what comes later. */
export interface TemplateOffer {
  /** This trimester's themes and steps, those of any time in pregnancy, or those after the birth. */
  now: PlanTemplate[];
  /** Themes and steps of earlier trimesters not in the plan (follow-up started late, line 502). */
  catchUp: PlanTemplate[];
  later: PlanTemplate[];
}

/**
 * Sorts the catalogue for a family on `today`, leaving out what its plan already holds (`inPlan`, by key).
 * Without dates, everything is offered now; after the birth, only the birth and maternity-leave steps.
 */
export function templateOffer(
  dates: { dueDate: Date | null; birthDate: Date | null },
  inPlan: ReadonlySet<string>,
  today: Date,
): TemplateOffer {
  const offer: TemplateOffer = { now: [], catchUp: [], later: [] };
  const phase = computePhase(dates, today)?.phase ?? null;
  const current = phase ? trimesterOf[phase] : undefined;
  const born = phase !== null && !current;
  for (const template of planTemplates) {
    if (inPlan.has(template.key)) continue;
    const position = trimesterOrder.indexOf(template.period);
    if (!phase) offer.now.push(template);
    else if (born) {
      if (template.period === 'birth' || template.period === 'maternityLeave') offer.now.push(template);
    } else if (position < 0) (template.period === 'pregnancy' ? offer.now : offer.later).push(template);
    else {
      const here = trimesterOrder.indexOf(current!);
      (position === here ? offer.now : position < here ? offer.catchUp : offer.later).push(template);
    }
  }
  return offer;
}

/** Weeks of pregnancy at which each trimester ends (the first day of the next one). */
const trimesterEndWeeks: Partial<Record<TemplatePeriod, number>> = { T1: 14, T2: 28 };
/** The birth is declared at the commune within 15 days (the law's delay). */
const birthDeclarationDays = 15;
/** The return to work is prepared during the 15 weeks of maternity leave: by week 10 after birth. */
const returnToWorkPreparationDays = 70;

/**
 * The date a ready-made action is due for a family, as `YYYY-MM-DD`, or null: the end of its trimester
 * (the due date for T3), the birth declaration 15 days after birth, the return to work at ten weeks. A date
 * already past (an action caught up) becomes two weeks from today.
 */
export function templateDueDate(
  template: PlanTemplate,
  dates: { dueDate: Date | null; birthDate: Date | null },
  today: Date,
): string | null {
  const lastPeriod = dates.dueDate ? addDays(dates.dueDate, -daysOfPregnancyFromLastPeriod) : null;
  let due: Date | null = null;
  const endWeek = trimesterEndWeeks[template.period];
  if (endWeek && lastPeriod) due = addDays(lastPeriod, endWeek * 7 - 1);
  else if (template.period === 'T3') due = dates.dueDate;
  else if (template.period === 'birth')
    due = addDays(dates.birthDate ?? dates.dueDate ?? today, birthDeclarationDays);
  else if (template.period === 'maternityLeave')
    due = addDays(dates.birthDate ?? dates.dueDate ?? today, returnToWorkPreparationDays);
  if (!due) return null;
  if (daysBetween(today, due) < 0) due = addDays(today, 14);
  return due.toISOString().slice(0, 10);
}
