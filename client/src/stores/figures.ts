import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { FiguresScopeView, FiguresView } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import * as figuresService from '../services/figuresService.ts';

/** A stable key for a scope, for the picker. */
export function scopeKey(scope: FiguresScopeView): string {
  if (scope.kind === 'organisation') return `organisation:${scope.organisationId}`;
  if (scope.kind === 'bassin') return `bassin:${scope.bassin}`;
  return scope.kind;
}

/** The network figures page: the scopes I may read, the one chosen, its period and its figures. */
export const useFiguresStore = defineStore('figures', () => {
  const scopes = ref<FiguresScopeView[]>([]);
  const selectedKey = ref('');
  const from = ref('');
  const to = ref('');
  const figures = ref<FiguresView | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);

  async function run(work: () => Promise<void>): Promise<void> {
    loading.value = true;
    try {
      await work();
      error.value = null;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    } finally {
      loading.value = false;
    }
  }

  /** Loads the figures of the chosen scope and period. */
  function load(): Promise<void> {
    return run(async () => {
      const scope = scopes.value.find((candidate) => scopeKey(candidate) === selectedKey.value);
      if (!scope) return;
      figures.value = await figuresService.fetchFigures({ scope, from: from.value, to: to.value });
      from.value = figures.value.from;
      to.value = figures.value.to;
    });
  }

  /** Loads the scopes I may read, then the figures of the first one. */
  async function start(): Promise<void> {
    await run(async () => {
      scopes.value = await figuresService.fetchFiguresScopes();
      if (!scopes.value.some((scope) => scopeKey(scope) === selectedKey.value))
        selectedKey.value = scopes.value[0] ? scopeKey(scopes.value[0]) : '';
    });
    if (!error.value) await load();
  }

  return { scopes, selectedKey, from, to, figures, loading, error, start, load };
});
