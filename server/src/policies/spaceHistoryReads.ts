import type { Request } from 'express';
import type mongoose from 'mongoose';
import { can, maySeeMember, type EditAuthor, type SpaceAction, type SpaceVersion } from '@concerto/shared';
import { requireAuth } from '../auth/authenticate.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { SpaceModel } from '../models/space.ts';
import { SpaceVersionModel, type SpaceVersionDocument } from '../models/spaceVersion.ts';
import { recordSpaceAudit } from './audit.ts';
import { loadFamilyFor } from './familyAccess.ts';
import type { FamilyRepository } from './familyRepository.ts';
import { audienceOf, spaceFamilyScopeOf } from './familyScope.ts';

/** Someone who edited a space, as stored. */
export interface StoredEditor {
  kind: 'professional' | 'familyMember';
  refId: string;
  name: string;
}

/** A space opened for its history by one caller. */
export interface OpenedSpaceHistory {
  opened: FamilyRepository;
  space: { _id: mongoose.Types.ObjectId; kind: string; title: string };
  /** Whether she may name a version (the one policy). */
  canName: boolean;
  /** An editor as this caller may know her: a professional hidden from her, or another member, unnamed. */
  authorView(editor: StoredEditor): EditAuthor;
}

/**
 * The one gate to a space's history (its versions, their content, the visit marks): 404 unless the
 * caller may read the space itself, so a history follows its space's audience; 403 to name a version
 * without the right. Each access is written to the family's audit trail with the space.
 */
export async function openSpaceHistory(
  request: Request,
  familyId: string,
  spaceId: string,
  action: Extract<SpaceAction, 'space.history.read' | 'space.version.name'>,
): Promise<OpenedSpaceHistory> {
  const auth = requireAuth(request);
  const opened = await loadFamilyFor(auth, familyId, request.id);
  if (!opened) throw notFound('family');
  const space = await SpaceModel.findOne({ _id: spaceId, familyId: opened.family._id }).lean();
  if (!space) throw notFound('space');
  const resource = {
    kind: 'space' as const,
    family: await spaceFamilyScopeOf(opened.family),
    space: { kind: space.kind, audience: audienceOf(space) },
  };
  if (!can(opened.actor, 'space.history.read', resource)) throw notFound('space');
  const canName = can(opened.actor, 'space.version.name', resource);
  if (action === 'space.version.name' && !canName)
    throw forbidden('Only professionals who can edit this space name its versions.');
  await recordSpaceAudit(
    auth,
    opened.family._id,
    spaceId,
    action === 'space.version.name' ? 'write' : 'read',
    request.id,
  );
  const hidden = opened.hiddenProfessionals();
  return {
    opened,
    space: { _id: space._id, kind: space.kind, title: space.title },
    canName,
    authorView: (editor) => {
      if (editor.kind === 'professional')
        return hidden.has(editor.refId)
          ? { kind: 'hidden', name: null }
          : { kind: 'professional', name: editor.name };
      return {
        kind: 'familyMember',
        name: maySeeMember(opened.actor, opened.scope, editor.refId) ? editor.name : null,
      };
    },
  };
}

/** A stored version as this caller reads it (without its content). */
export function presentVersion(
  version: Pick<
    SpaceVersionDocument,
    '_id' | 'createdAt' | 'reason' | 'name' | 'concertationAt' | 'namedBy' | 'authors'
  >,
  history: OpenedSpaceHistory,
): SpaceVersion {
  return {
    id: String(version._id),
    createdAt: version.createdAt.toISOString(),
    reason: version.reason,
    name: version.name ?? null,
    concertationAt: version.concertationAt?.toISOString() ?? null,
    namedBy: version.namedBy ?? null,
    authors: version.authors.map((author) => history.authorView(author)),
  };
}

/** The space's versions, newest first, without their content (at most the 500 newest). */
export async function listVersions(history: OpenedSpaceHistory): Promise<SpaceVersion[]> {
  const versions = await SpaceVersionModel.find({ spaceId: history.space._id }, { state: 0, stateVector: 0 })
    .sort({ createdAt: -1 })
    .limit(500)
    .lean();
  return versions.map((version) => presentVersion(version, history));
}

/** One version with its content, or 404 (a version of another space is no version of this one). */
export async function findVersion(history: OpenedSpaceHistory, versionId: string) {
  const version = await SpaceVersionModel.findOne({ _id: versionId, spaceId: history.space._id }).lean();
  if (!version) throw notFound('version');
  return version;
}
