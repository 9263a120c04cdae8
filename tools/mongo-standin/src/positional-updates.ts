import { Query } from 'mingo';
import { CommandError, badValue } from './errors.ts';
import { isDocument, type Document } from './types.ts';

/**
 * Updates with positional paths (`a.$.b`, `a.$[].b`, `a.$[id].b`) next to other paths. mingo checks
 * conflicts on the array's path alone, so `{ $set: { 'items.$.qty': 1, 'items.$.note': 'n' } }` fails
 * there while MongoDB accepts it. Here the conflicts are checked on whole paths, as MongoDB does, and
 * every positional path is resolved against the document *before* the update (MongoDB matches the query
 * and the array filters once) into concrete `items.3.qty` paths that can be applied one at a time.
 */

/** One operator applied to one concrete path. */
export interface PathUpdate {
  operator: string;
  path: string;
  value: unknown;
}

const positional = /^\$(\[[a-z]\w*\]|\[\])?$/;

function isPositional(component: string): boolean {
  return positional.test(component);
}

/** True when an update has a positional path and more than one path (what mingo gets wrong). */
export function needsPositionalPlan(operators: Document): boolean {
  let paths = 0;
  let hasPositional = false;
  for (const fields of Object.values(operators)) {
    if (!isDocument(fields)) continue;
    for (const path of Object.keys(fields)) {
      paths += 1;
      if (path.split('.').some(isPositional)) hasPositional = true;
    }
  }
  return hasPositional && paths > 1;
}

function conflict(path: string, other: string): CommandError {
  return new CommandError(
    40,
    'ConflictingUpdateOperators',
    `Updating the path '${path}' would create a conflict at '${other}'`,
  );
}

/** MongoDB refuses two paths where one is the other or a prefix of it (component by component). */
function assertNoConflicts(paths: string[]): void {
  const split = paths.map((path) => path.split('.'));
  for (let i = 0; i < split.length; i += 1) {
    for (let j = 0; j < i; j += 1) {
      const [a, b] = [split[i]!, split[j]!];
      const shorter = Math.min(a.length, b.length);
      if (a.slice(0, shorter).join('.') === b.slice(0, shorter).join('.')) {
        throw conflict(paths[i]!, a.slice(0, shorter).join('.'));
      }
    }
  }
}

/** The index of the first element of `array` (at `field`) that the statement's query matches. */
function firstMatchIndex(array: unknown[], field: string, filter: Document): number {
  const keys = Object.keys(filter).filter((key) => key === field || key.startsWith(`${field}.`));
  if (keys.length !== 1) {
    throw badValue('The positional operator did not find the match needed from the query.');
  }
  const key = keys[0]!;
  const query = new Query({ [key]: filter[key] });
  const index = array.findIndex((element) => query.test({ [field]: [element] }));
  if (index < 0) throw badValue('The positional operator did not find the match needed from the query.');
  return index;
}

function filtersByIdentifier(arrayFilters: Document[]): Map<string, Query> {
  const byIdentifier = new Map<string, Document>();
  for (const filter of arrayFilters) {
    for (const [key, condition] of Object.entries(filter)) {
      const identifier = key.split('.')[0]!;
      byIdentifier.set(identifier, { ...(byIdentifier.get(identifier) ?? {}), [key]: condition });
    }
  }
  return new Map([...byIdentifier].map(([identifier, filter]) => [identifier, new Query(filter)]));
}

/** Expands one path with positional components into the concrete paths it designates in `document`. */
function concretePaths(
  path: string,
  document: Document,
  filter: Document,
  filters: Map<string, Query>,
): string[] {
  const components = path.split('.');
  let prefixes: { path: string[]; value: unknown }[] = [{ path: [], value: document }];
  components.forEach((component) => {
    prefixes = prefixes.flatMap(({ path: prefix, value }) => {
      if (!isPositional(component)) {
        const next = isDocument(value) || Array.isArray(value) ? (value as Document)[component] : undefined;
        return [{ path: [...prefix, component], value: next }];
      }
      const field = prefix.join('.');
      if (!Array.isArray(value)) {
        throw badValue(`The path '${field}' must exist in the document in order to apply array updates.`);
      }
      let indexes = value.map((_, index) => index);
      if (component === '$') indexes = [firstMatchIndex(value, field, filter)];
      else if (component !== '$[]') {
        const identifier = component.slice(2, -1);
        const query = filters.get(identifier);
        if (!query) throw badValue(`No array filter found for identifier '${identifier}' in path '${path}'`);
        indexes = indexes.filter((index) => query.test({ [identifier]: value[index] }));
      }
      return indexes.map((index) => ({ path: [...prefix, String(index)], value: value[index] }));
    });
  });
  return prefixes.map(({ path: concrete }) => concrete.join('.'));
}

/** The update as single-path steps on concrete paths, after MongoDB's conflict check. */
export function planPositionalUpdate(
  operators: Document,
  document: Document,
  filter: Document,
  arrayFilters: Document[] = [],
): PathUpdate[] {
  const entries = Object.entries(operators).flatMap(([operator, fields]) =>
    isDocument(fields) ? Object.entries(fields).map(([path, value]) => ({ operator, path, value })) : [],
  );
  assertNoConflicts(
    entries.flatMap(({ operator, path, value }) =>
      operator === '$rename' && typeof value === 'string' ? [path, value] : [path],
    ),
  );
  const filters = filtersByIdentifier(arrayFilters);
  return entries.flatMap(({ operator, path, value }) =>
    concretePaths(path, document, filter, filters).map((concrete) => ({ operator, path: concrete, value })),
  );
}
