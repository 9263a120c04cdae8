import { onBeforeUnmount, shallowRef } from 'vue';
import * as Y from 'yjs';
import {
  readBirthPlan,
  readRisks,
  type BirthPlanTopic,
  type PlanAction,
  type PlanEntry,
  type PlanRisk,
} from '@concerto/shared';
import { planLists, readPlan } from '../collab/planModel.ts';

/** A comment of the plan, as read from the document. */
export interface PlanComment {
  id: string;
  text: string;
  author: string;
  at: string;
}

function readComments(array: Y.Array<Y.Map<unknown>>): PlanComment[] {
  return array
    .toArray()
    .filter((entry): entry is Y.Map<unknown> => entry instanceof Y.Map)
    .map((entry) => ({
      id: String(entry.get('id') ?? ''),
      text: String(entry.get('text') ?? ''),
      author: String(entry.get('author') ?? ''),
      at: String(entry.get('at') ?? ''),
    }));
}

function readFamilyWords(map: Y.Map<Y.Text>): Record<string, string> {
  const words: Record<string, string> = {};
  map.forEach((text, memberId) => {
    if (text instanceof Y.Text) words[memberId] = text.toString();
  });
  return words;
}

/**
 * The structured parts of a plan document as plain, reactive values, re-read whenever anyone (here or
 * remotely) changes them, so lists re-render live.
 */
export function usePlanLists(doc: Y.Doc) {
  const lists = planLists(doc);
  const needs = shallowRef<PlanEntry[]>([]);
  const goals = shallowRef<PlanEntry[]>([]);
  const actions = shallowRef<PlanAction[]>([]);
  const comments = shallowRef<PlanComment[]>([]);
  const familyWords = shallowRef<Record<string, string>>({});
  const risks = shallowRef<PlanRisk[]>([]);
  const birthPlan = shallowRef<Record<BirthPlanTopic, string>>(readBirthPlan(doc));

  function readStructure(): void {
    const plan = readPlan(doc);
    needs.value = plan.needs;
    goals.value = plan.goals;
    actions.value = plan.actions;
  }
  const readAllComments = () => (comments.value = readComments(lists.comments));
  const readAllWords = () => (familyWords.value = readFamilyWords(lists.familyWords));
  const readAllRisks = () => (risks.value = readRisks(doc));
  const readTheBirthPlan = () => (birthPlan.value = readBirthPlan(doc));

  readStructure();
  readAllComments();
  readAllWords();
  readAllRisks();
  const observed: [Pick<Y.Array<unknown>, 'observeDeep' | 'unobserveDeep'>, () => void][] = [
    [lists.needs, readStructure],
    [lists.goals, readStructure],
    [lists.actions, readStructure],
    [lists.comments, readAllComments],
    [lists.familyWords, readAllWords],
    [lists.risks, readAllRisks],
    [lists.birthPlan, readTheBirthPlan],
  ];
  for (const [type, read] of observed) type.observeDeep(read);
  onBeforeUnmount(() => {
    for (const [type, read] of observed) type.unobserveDeep(read);
  });

  return { needs, goals, actions, comments, familyWords, risks, birthPlan };
}
