import { Router } from 'express';
import { z } from 'zod';
import {
  IdSchema,
  MemberDataSchema,
  RightsRequestSchema,
  RightsRequestViewSchema,
  memberIdOf,
  userIdOf,
} from '@concerto/shared';
import type { DocumentRegistry } from '../../collab/documentRegistry.ts';
import { endpoint } from '../../http/endpoint.ts';
import { notFound } from '../../http/errors.ts';
import { memberDataLabels } from '../../interop/memberDataLabels.ts';
import { renderMemberDataPdf } from '../../interop/memberDataPdf.ts';
import { RightsRequestModel } from '../../models/rightsRequest.ts';
import { openFamily } from '../../policies/familyAccess.ts';
import { readMemberData } from '../../policies/memberDataReads.ts';
import { FamilyParams } from '../families/params.ts';

const RequestParams = z.strictObject({ id: IdSchema, requestId: IdSchema });

/** A family member's GDPR rights: her data as JSON and PDF, and her requests to correct or erase. */
export function rightsRouter(documents: DocumentRegistry): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/my-data',
      summary:
        'Everything the file holds about the calling member and shared with her, as JSON (GDPR article 15)',
      tags: ['rights'],
      params: FamilyParams,
      response: MemberDataSchema,
      authenticated: true,
    },
    async ({ params, request, response }) => {
      const opened = await openFamily(request, params.id, { part: 'export', write: false });
      const data = await readMemberData(opened, documents);
      response.setHeader('Content-Disposition', 'attachment; filename="mes-donnees-concerto.json"');
      return data;
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/my-data/pdf',
      summary: "The same data as a readable PDF, in the member's language (French when hers is not offered)",
      tags: ['rights'],
      params: FamilyParams,
      contentType: 'application/pdf',
      authenticated: true,
    },
    async ({ params, request, response }) => {
      const opened = await openFamily(request, params.id, { part: 'export', write: false });
      const data = await readMemberData(opened, documents);
      const labels = memberDataLabels(data.me.preferredLanguage);
      const pdf = await renderMemberDataPdf(data, labels);
      response.setHeader('Content-Type', 'application/pdf');
      response.setHeader('Content-Disposition', `attachment; filename="${labels.fileName}"`);
      response.status(200).send(pdf);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/rights-requests',
      summary: 'A member asks, in her words, to correct or erase something: a task for the coordinator',
      tags: ['rights'],
      params: FamilyParams,
      body: RightsRequestSchema,
      response: RightsRequestViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'rights',
        write: true,
        action: 'family.rights.request',
      });
      const memberId = memberIdOf(opened.actor)!;
      const stored = await RightsRequestModel.create({
        familyId: opened.family._id,
        memberId,
        kind: body.kind,
        text: body.text,
        at: new Date(),
      });
      return {
        id: String(stored._id),
        familyId: String(opened.family._id),
        familyLabel: opened.family.label,
        kind: stored.kind,
        text: stored.text,
        memberName: opened.auth.displayName,
        at: stored.at.toISOString(),
      };
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/rights-requests/:requestId/handled',
      summary: 'The coordinator marks a request to correct or erase as answered',
      tags: ['rights'],
      params: RequestParams,
      status: 204,
      authenticated: true,
    },
    async ({ params, request, response }) => {
      const opened = await openFamily(request, params.id, {
        part: 'rights',
        write: true,
        action: 'family.rights.handle',
      });
      const handled = await RightsRequestModel.findOneAndUpdate(
        { _id: params.requestId, familyId: opened.family._id, handledAt: null },
        { $set: { handledAt: new Date(), handledBy: userIdOf(opened.actor) } },
      );
      if (!handled) throw notFound('request');
      response.status(204).end();
    },
  );

  return router;
}
