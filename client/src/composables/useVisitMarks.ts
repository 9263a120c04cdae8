import { inject, onBeforeUnmount, provide, shallowRef, type InjectionKey, type Ref } from 'vue';
import type { VisitMark, VisitMarks } from '@concerto/shared';
import { recordVisit } from '../services/spaceHistoryService.ts';

/** What others changed since the reader's last visit, by `list/id`. */
export interface VisitMarksState {
  marks: Ref<ReadonlyMap<string, VisitMark>>;
  since: Ref<string | null>;
}

const key: InjectionKey<VisitMarksState> = Symbol('visitMarks');

/**
 * Records the reader's visit of a space when the plan opens and when she leaves it, and provides to the
 * plan's items what others added or changed since her previous visit (nothing on a first visit).
 */
export function provideVisitMarks(familyId: string, spaceId: string): VisitMarksState {
  const marks = shallowRef<ReadonlyMap<string, VisitMark>>(new Map());
  const since = shallowRef<string | null>(null);
  const state = { marks, since };
  provide(key, state);
  recordVisit(familyId, spaceId).then(
    (answer: VisitMarks) => {
      since.value = answer.since;
      marks.value = new Map(answer.marks.map((mark) => [`${mark.list}/${mark.id}`, mark]));
    },
    // Marks are a help, never a reason to keep the plan from showing.
    () => undefined,
  );
  onBeforeUnmount(() => void recordVisit(familyId, spaceId).catch(() => undefined));
  return state;
}

/** The marks provided by the plan around this component (none outside a plan page). */
export function useVisitMarks(): VisitMarksState | null {
  return inject(key, null);
}
