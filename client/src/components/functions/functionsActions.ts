import { inject, provide, type InjectionKey } from 'vue';
import type { AssignFunctionRequest } from '../../services/functionsService.ts';

/** What the functions forms do: in the room they go through the concertation, in the file straight to the API. */
export interface FunctionsActions {
  assign(request: AssignFunctionRequest): Promise<unknown>;
  acknowledge(assignmentId: string): Promise<unknown>;
}

const functionsActionsKey: InjectionKey<FunctionsActions> = Symbol('functionsActions');

/** Gives the functions forms below this component the actions to run. */
export function provideFunctionsActions(actions: FunctionsActions): void {
  provide(functionsActionsKey, actions);
}

/** The actions the enclosing functions list provided. */
export function useFunctionsActions(): FunctionsActions {
  const actions = inject(functionsActionsKey);
  if (!actions) throw new Error('Functions forms need provideFunctionsActions() in an enclosing component.');
  return actions;
}
