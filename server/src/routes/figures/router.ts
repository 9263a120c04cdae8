import { Router } from 'express';
import { z } from 'zod';
import {
  FiguresQuerySchema,
  FiguresScopeViewSchema,
  FiguresViewSchema,
  addDays,
  type FiguresView,
} from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import { countFigures } from '../../figures/figuresCounter.ts';
import { readableScopes, resolveScope } from '../../figures/figuresScopes.ts';
import { endpoint } from '../../http/endpoint.ts';

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** The period asked for, by default the last twelve months up to today (dates are whole UTC days). */
function periodOf(query: { from?: string | undefined; to?: string | undefined }, today: Date) {
  const to = query.to ?? isoDate(today);
  const from = query.from ?? isoDate(addDays(new Date(`${to}T00:00:00Z`), -364));
  return { from, to, start: new Date(`${from}T00:00:00Z`), end: addDays(new Date(`${to}T00:00:00Z`), 1) };
}

/** Network figures: anonymous counts for a case-load, an organisation or a bassin, small counts hidden. */
export function figuresRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/figures/scopes',
      summary: 'The scopes of figures the caller may read (case-load, organisation, bassin)',
      tags: ['figures'],
      response: z.array(FiguresScopeViewSchema),
      authenticated: true,
    },
    async ({ request }) => readableScopes(requireAuth(request).actor),
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/figures',
      summary:
        'Anonymous figures of one scope and period; counts under 5, and counts that would reveal them, are null',
      tags: ['figures'],
      query: FiguresQuerySchema,
      response: FiguresViewSchema,
      authenticated: true,
    },
    async ({ query, request }): Promise<FiguresView> => {
      const { actor } = requireAuth(request);
      const today = new Date();
      const { view, familyMatch } = await resolveScope(actor, query);
      const period = periodOf(query, today);
      const figures = await countFigures(familyMatch, period, today);
      return { scope: view, from: period.from, to: period.to, ...figures };
    },
  );

  return router;
}
