import { Router } from 'express';
import { z } from 'zod';
import {
  IdSchema,
  NameVersionRequestSchema,
  SpaceHistorySchema,
  SpaceVersionSchema,
  VersionDetailSchema,
  VisitMarksSchema,
} from '@concerto/shared';
import type { DocumentRegistry } from '../../collab/documentRegistry.ts';
import { readEditors } from '../../collab/editorRecords.ts';
import { compareWithNow } from '../../commands/versionComparer.ts';
import { recordVersion } from '../../commands/versionRecorder.ts';
import { recordVisit } from '../../commands/visitRecorder.ts';
import { endpoint } from '../../http/endpoint.ts';
import {
  findVersion,
  listVersions,
  openSpaceHistory,
  presentVersion,
} from '../../policies/spaceHistoryReads.ts';

const SpaceParams = z.strictObject({ id: IdSchema, spaceId: IdSchema });
const VersionParams = z.strictObject({ id: IdSchema, spaceId: IdSchema, versionId: IdSchema });

/** A space's history: its versions, what changed since each, naming one, and the reader's visits. */
export function spaceHistoryRouter(documents: DocumentRegistry): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/spaces/:spaceId/history',
      summary: "A space's versions, newest first, each with who edited it since the previous one",
      tags: ['spaces'],
      params: SpaceParams,
      response: SpaceHistorySchema,
      authenticated: true,
    },
    async ({ params, request }) => {
      const history = await openSpaceHistory(request, params.id, params.spaceId, 'space.history.read');
      const versions = await listVersions(history);
      const newest = versions[0] ? new Date(versions[0].createdAt) : null;
      const editors = await readEditors(params.spaceId);
      const editedSince = [...editors.editors.values()]
        .filter((editor) => !newest || editor.lastEditAt > newest)
        .map((editor) => history.authorView(editor));
      return {
        spaceId: params.spaceId,
        kind: history.space.kind,
        title: history.space.title,
        versions,
        editedSince,
        canName: history.canName,
      };
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/spaces/:spaceId/history',
      summary: 'Keep the space as it is now as a named version (a professional who can edit it)',
      tags: ['spaces'],
      params: SpaceParams,
      body: NameVersionRequestSchema,
      response: SpaceVersionSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const history = await openSpaceHistory(request, params.id, params.spaceId, 'space.version.name');
      const document = await documents.open(params.spaceId);
      try {
        const version = await recordVersion(document, {
          reason: 'named',
          name: body.name,
          namedBy: history.opened.auth.displayName,
        });
        if (!version) throw new Error('A family space kept no version');
        return presentVersion(version, history);
      } finally {
        documents.release(document);
      }
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/spaces/:spaceId/history/:versionId',
      summary: "One version's content and every change since, added, removed or changed, with who made it",
      tags: ['spaces'],
      params: VersionParams,
      response: VersionDetailSchema,
      authenticated: true,
    },
    async ({ params, request }) => {
      const history = await openSpaceHistory(request, params.id, params.spaceId, 'space.history.read');
      return compareWithNow(history, await findVersion(history, params.versionId), documents);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/spaces/:spaceId/visits',
      summary: "Record the caller's visit; answers what others added or changed since her previous visit",
      tags: ['spaces'],
      params: SpaceParams,
      response: VisitMarksSchema,
      status: 200,
      authenticated: true,
    },
    async ({ params, request }) => {
      const history = await openSpaceHistory(request, params.id, params.spaceId, 'space.history.read');
      return recordVisit(history, documents);
    },
  );

  return router;
}
