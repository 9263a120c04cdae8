import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  AddAttachmentQuerySchema,
  AttachmentListQuerySchema,
  AttachmentListSchema,
  AttachmentViewSchema,
  IdSchema,
  attachmentCategories,
  attachmentTypes,
  attachmentAuthorOf,
  can,
  undeclaredAttachmentType,
  type AttachmentScope,
} from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import { addAttachment, removeAttachment } from '../../commands/attachmentAdder.ts';
import { readAttachmentBytes } from '../../db/attachmentBytes.ts';
import { endpoint } from '../../http/endpoint.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { recordAttachmentEntry } from '../../policies/audit.ts';
import {
  mayOn,
  presentAttachment,
  readableAttachment,
  readableAttachments,
  spaceScopeIn,
} from '../../policies/attachmentReads.ts';
import type { AttachmentDocument } from '../../models/attachment.ts';
import { loadFamilyFor, openFamily } from '../../policies/familyAccess.ts';
import { spaceFamilyScopeOf } from '../../policies/familyScope.ts';
import { FamilyParams } from '../families/params.ts';
import { uploadBody } from './uploadBody.ts';

const AttachmentParams = z.strictObject({ id: IdSchema, attachmentId: IdSchema });

/** The content types a document may be sent with (the bytes decide the real one). */
export const attachmentUploadTypes = [...attachmentTypes, undeclaredAttachmentType];

/** Documents (PDF, images) on a family file and in its spaces: bytes in GridFS, every download audited. */
export function attachmentsRouter(maxBytes: number): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/attachments',
      summary: 'The documents of the family file (or of one space, `spaceId`) the caller may read',
      tags: ['attachments'],
      params: FamilyParams,
      query: AttachmentListQuerySchema,
      response: AttachmentListSchema,
      authenticated: true,
    },
    async ({ params, query, request }) => {
      const opened = await openFamily(request, params.id, { part: 'documents', write: false });
      const space = query.spaceId ? await spaceScopeIn(opened, query.spaceId) : null;
      const familyScope = await spaceFamilyScopeOf(opened.family);
      // A space the caller cannot open is not there for her, nor are its documents.
      if (
        space &&
        !can(opened.actor, 'space.read', { kind: 'space', family: familyScope, space: space.scope })
      )
        throw notFound('space');
      const readable = await readableAttachments(opened, familyScope, space);
      // The categories the caller may add, asked of the policy with a document she would add herself.
      const draft = (category: AttachmentScope['category']): AttachmentScope => ({
        space: space?.scope ?? null,
        category,
        aboutMemberId: null,
        sharedWithMemberIds: [],
        addedBy: attachmentAuthorOf(opened.actor),
      });
      const categories = space ? (['general'] as const) : attachmentCategories;
      return {
        attachments: readable.map((entry) => presentAttachment(opened, familyScope, entry)),
        canAdd: categories.filter((category) =>
          mayOn(opened, familyScope, 'attachment.add', draft(category)),
        ),
        maxBytes,
      };
    },
  );

  router.post('/families/:id/attachments', uploadBody(maxBytes));
  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/attachments',
      summary: `Add a document: the file is the body (PDF, PNG, JPEG, WebP or HEIC, at most ${maxBytes} bytes), its type checked from its bytes`,
      tags: ['attachments'],
      params: FamilyParams,
      query: AddAttachmentQuerySchema,
      uploadTypes: attachmentUploadTypes,
      response: AttachmentViewSchema,
      authenticated: true,
    },
    async ({ params, query, request }) => {
      const opened = await openForDocuments(request, params.id, true);
      const space = query.spaceId ? await spaceScopeIn(opened, query.spaceId) : null;
      const familyScope = await spaceFamilyScopeOf(opened.family);
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const attachment = await addAttachment(
        opened,
        familyScope,
        space,
        { ...query, declaredType: request.headers['content-type'] ?? undeclaredAttachmentType },
        bytes,
      );
      await audited(request, attachment, 'write');
      return presentAttachment(opened, familyScope, {
        attachment,
        scope: {
          space: space?.scope ?? null,
          category: attachment.category ?? 'general',
          aboutMemberId: query.aboutMemberId ?? null,
          sharedWithMemberIds: query.sharedWith,
          addedBy: attachmentAuthorOf(opened.actor),
        },
      });
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/attachments/:attachmentId',
      summary: 'Download one document (always as an attachment, never shown inline); the download is audited',
      tags: ['attachments'],
      params: AttachmentParams,
      contentType: 'application/octet-stream',
      authenticated: true,
    },
    async ({ params, request, response }) => {
      const opened = await openForDocuments(request, params.id, false);
      const { attachment } = await readableAttachment(opened, params.attachmentId);
      await audited(request, attachment, 'read');
      // Never rendered by the browser: a download, of a type it cannot run, sniffing off, in a sandbox.
      response.setHeader('Content-Type', attachment.contentType);
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader(
        'Content-Disposition',
        `attachment; filename="${asciiName(attachment.name)}"; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
      );
      response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      response.setHeader('Cache-Control', 'private, no-store');
      response.setHeader('Content-Length', String(attachment.size));
      response.status(200);
      const stream = readAttachmentBytes(attachment.fileId);
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        response.once('finish', resolve);
        response.once('close', resolve);
        stream.pipe(response);
      }).catch((error: unknown) => {
        // Once bytes are sent the status cannot change: the connection is cut so the file is not taken as whole.
        if (response.headersSent) return void response.destroy(error as Error);
        for (const header of ['Content-Disposition', 'Content-Length', 'Content-Type'])
          response.removeHeader(header);
        throw error;
      });
    },
  );

  endpoint(
    router,
    {
      method: 'delete',
      path: '/families/:id/attachments/:attachmentId',
      summary: 'Take a document away (its author, whoever writes its space, or the coordinator for the file)',
      tags: ['attachments'],
      params: AttachmentParams,
      response: z.object({ deleted: z.literal(true) }),
      authenticated: true,
    },
    async ({ params, request }) => {
      const opened = await openForDocuments(request, params.id, true);
      const { attachment, scope, familyScope } = await readableAttachment(opened, params.attachmentId);
      if (!mayOn(opened, familyScope, 'attachment.delete', scope))
        throw forbidden('Only its author, or whoever may change where it is, takes a document away.');
      await removeAttachment(attachment);
      await audited(request, attachment, 'write');
      return { deleted: true as const };
    },
  );

  return router;
}

/**
 * The family file for a document route: 404 unless the caller reads it, `file_closed` for a change to a
 * closed file. Not audited here: the route writes one entry naming the document.
 */
async function openForDocuments(request: Request, familyId: string, write: boolean) {
  const opened = await loadFamilyFor(requireAuth(request), familyId, request.id);
  if (!opened) throw notFound('family');
  if (write) opened.requireOpenFile();
  return opened;
}

/** Writes to the family's trail who added, downloaded or took away which document. */
function audited(request: Request, attachment: AttachmentDocument, access: 'read' | 'write'): Promise<void> {
  return recordAttachmentEntry(
    requireAuth(request),
    { familyId: attachment.familyId, spaceId: attachment.spaceId ?? null, attachmentId: attachment._id },
    access,
    request.id,
  );
}

/** The file name for old browsers' `filename=`: ASCII only, no quotes or backslashes. */
function asciiName(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'document'
  );
}
