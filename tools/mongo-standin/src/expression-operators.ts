import { Context, evalExpr } from 'mingo/core';
import type { Options } from 'mingo/types';
import { compareBsonValues } from './bson-order.ts';

/**
 * `$min` and `$max` used as expressions (in `$project`, `$set`, `$let`, `$expr`...), as MongoDB evaluates
 * them: one operand that resolves to an array is traversed; any other one operand (a scalar, null, a
 * missing field) is itself; a list of operands is compared as it is. Null and missing values are skipped,
 * and null is the answer when nothing is left. mingo runs its accumulators here instead, which refuse a
 * single operand that is not an array (a missing field) with an error.
 */
function extreme(direction: 1 | -1) {
  return (document: unknown, expression: unknown, options: Options): unknown => {
    const single = Array.isArray(expression) ? null : evalExpr(document, expression, options);
    const candidates: unknown[] = Array.isArray(expression)
      ? expression.map((operand) => evalExpr(document, operand, options))
      : Array.isArray(single)
        ? single
        : [single];
    const present = candidates.filter((value) => value !== null && value !== undefined);
    if (present.length === 0) return null;
    return present.reduce((best, value) => (compareBsonValues(value, best) * direction < 0 ? value : best));
  };
}

/** Operators the stand-in gives mingo where mingo's own differ from MongoDB's. */
export const standinOperators = Context.init({ expression: { $min: extreme(1), $max: extreme(-1) } });
