import { Router } from 'express';
import {
  EligibilityRulesSchema,
  UpdateEligibilityRulesRequestSchema,
  can,
  type Actor,
} from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import { changeEligibilityRules, presentEligibilityRules } from '../../commands/eligibilityRules.ts';
import { endpoint } from '../../http/endpoint.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { ifMatchVersion } from '../../http/versions.ts';

const mayChange = (actor: Actor) => can(actor, 'programme.eligibility.change', { kind: 'platform' });

/** The programme's rule of which BIB scenario opens which funded service: read by professionals, kept by the admin. */
export function eligibilityRulesRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/programme/eligibility',
      summary: 'Which funded services each BIB scenario opens (the programme’s rule, or Concerto’s default)',
      tags: ['organisations'],
      response: EligibilityRulesSchema,
      authenticated: true,
    },
    async ({ request }) => {
      const { actor } = requireAuth(request);
      if (!can(actor, 'programme.eligibility.read', { kind: 'platform' })) throw notFound('rule');
      return presentEligibilityRules(mayChange(actor));
    },
  );

  endpoint(
    router,
    {
      method: 'put',
      path: '/programme/eligibility',
      summary:
        'Record which funded services each BIB scenario opens (the platform admin; If-Match: its version)',
      tags: ['organisations'],
      body: UpdateEligibilityRulesRequestSchema,
      response: EligibilityRulesSchema,
      authenticated: true,
    },
    async ({ body, request }) => {
      const auth = requireAuth(request);
      if (!can(auth.actor, 'programme.eligibility.read', { kind: 'platform' })) throw notFound('rule');
      if (!mayChange(auth.actor)) throw forbidden('Only the programme’s admin changes this rule.');
      await changeEligibilityRules(body, ifMatchVersion(request), auth.displayName);
      return presentEligibilityRules(true);
    },
  );

  return router;
}
