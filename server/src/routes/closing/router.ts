import { Router } from 'express';
import { CloseFileRequestSchema, ExtendFollowUpRequestSchema, FamilyViewSchema } from '@concerto/shared';
import { closeFile } from '../../commands/fileCloser.ts';
import { extendFollowUp } from '../../commands/followUpExtender.ts';
import { endpoint } from '../../http/endpoint.ts';
import { openFamily } from '../../policies/familyAccess.ts';
import { presentFamily } from '../../presenters/familyPresenter.ts';
import { FamilyParams } from '../families/params.ts';

/** The end of the 1000 days: close the file, extend the follow-up, or record that the family left. */
export function closingRouter(retentionDays: number): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/closure',
      summary:
        'Close the file after day 1000, or record that the family left the programme: the file becomes read-only, the referent and the GP receive a summary',
      tags: ['families'],
      params: FamilyParams,
      body: CloseFileRequestSchema,
      response: FamilyViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const action = body.kind === 'closed' ? 'family.closing.decide' : 'family.leave.record';
      const opened = await openFamily(request, params.id, { part: 'closing', write: true, action });
      await closeFile(opened, body, retentionDays);
      return presentFamily(opened);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/follow-up-extensions',
      summary: 'Go on with the follow-up past day 1000, with a reason and a review date',
      tags: ['families'],
      params: FamilyParams,
      body: ExtendFollowUpRequestSchema,
      response: FamilyViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'closing',
        write: true,
        action: 'family.closing.decide',
      });
      await extendFollowUp(opened, body);
      return presentFamily(opened);
    },
  );

  return router;
}
