import * as Y from 'yjs';

/**
 * The parts of a care plan added for the trimester work (seed 004, lines 496-503, 803): the risks the plan
 * answers, and the birth plan. Documents written before them simply have none: every reader defaults.
 */

/** Names of the shared types these parts live in. */
export const planExtraRoots = {
  /** Y.Array of Y.Map: the risks identified, each optionally naming the (non-medical) indicator behind it. */
  risks: 'risks',
  /** Y.Map topic -> string: the birth plan, built with the parents. */
  birthPlan: 'birthPlan',
} as const;

/** How urgent an action is, as the team and the family agreed. */
export const actionPriorities = ['high', 'normal', 'low'] as const;
/** One priority. */
export type ActionPriority = (typeof actionPriorities)[number];

/** The topics of the birth plan (line 496: « un projet de naissance »; line 513: the T3 themes). */
export const birthPlanTopics = [
  'maternity',
  'companion',
  'birthWishes',
  'painRelief',
  'feeding',
  'siblingsCare',
  'journeyAndBag',
  'returnHome',
] as const;
/** One topic of the birth plan. */
export type BirthPlanTopic = (typeof birthPlanTopics)[number];

/** A risk the plan answers: its words, and the indicator it comes from, if any. */
export interface PlanRisk {
  id: string;
  text: string;
  indicatorKey: string | null;
}

/** The risks of a plan document (entries without an id are skipped). */
export function readRisks(doc: Y.Doc): PlanRisk[] {
  return doc
    .getArray<Y.Map<unknown>>(planExtraRoots.risks)
    .toArray()
    .filter((entry): entry is Y.Map<unknown> => entry instanceof Y.Map && typeof entry.get('id') === 'string')
    .map((entry) => {
      const key = entry.get('indicatorKey');
      return {
        id: entry.get('id') as string,
        text: String(entry.get('text') ?? ''),
        indicatorKey: typeof key === 'string' ? key : null,
      };
    });
}

/** The birth plan of a plan document: each topic's text, empty when nobody wrote it. */
export function readBirthPlan(doc: Y.Doc): Record<BirthPlanTopic, string> {
  const map = doc.getMap<unknown>(planExtraRoots.birthPlan);
  return Object.fromEntries(
    birthPlanTopics.map((topic) => {
      const value = map.get(topic);
      return [topic, typeof value === 'string' ? value : ''];
    }),
  ) as Record<BirthPlanTopic, string>;
}

/** An action's priority as stored, or null (none given, or a value this version does not know). */
export function readPriority(value: unknown): ActionPriority | null {
  return (actionPriorities as readonly unknown[]).includes(value) ? (value as ActionPriority) : null;
}

/** The ids of the risks an action answers (an old action answers none). */
export function readAnswers(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}
