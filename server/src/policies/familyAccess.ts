import type { Request } from 'express';
import mongoose from 'mongoose';
import { can, type FamilyAction, type FamilyScope } from '@concerto/shared';
import { requireAuth } from '../auth/authenticate.ts';
import type { AuthContext } from '../auth/sessions.ts';
import { notFound } from '../http/errors.ts';
import { FamilyModel } from '../models/family.ts';
import type { AuditPart } from './audit.ts';
import { FamilyRepository, familyProjection } from './familyRepository.ts';
import { scopeOf } from './familyScope.ts';

/** A family file opened by a caller allowed to read it; the access has been written to the audit trail. */
export type OpenedFamily = FamilyRepository;

/**
 * Loads a family file for a caller, or null when it does not exist or she may not read it. The file
 * comes without its indicators (see `FamilyRepository.indicators()`). Nothing is audited here.
 */
export async function loadFamilyFor(auth: AuthContext, familyId: string, requestId: unknown = null) {
  return loadFamilyWhere(auth, familyId, requestId, (family) =>
    can(auth.actor, 'family.read', { kind: 'family', family }),
  );
}

/**
 * Loads a family file for a caller when the policy, asked through `allows` about the stored file, says so;
 * null otherwise. For a gate narrower than the file (a guest let into one meeting's room): the repository's
 * own checks still refuse her everything else. Nothing is audited here.
 */
export async function loadFamilyWhere(
  auth: AuthContext,
  familyId: string,
  requestId: unknown,
  allows: (family: FamilyScope) => boolean,
) {
  if (!mongoose.isValidObjectId(familyId)) return null;
  const family = await FamilyModel.findById(familyId, familyProjection);
  if (!family || !allows(scopeOf(family))) return null;
  return new FamilyRepository(auth, family, requestId);
}

/**
 * The one gate to a family file: 401 without a session, 404 when the caller may not read the file
 * (its existence is not revealed), 403 when they may read it but not do `action`. Audits the access.
 */
export async function openFamily(
  request: Request,
  familyId: string,
  access: { part: AuditPart; write: boolean; action?: FamilyAction },
): Promise<OpenedFamily> {
  const auth = requireAuth(request);
  const opened = await loadFamilyFor(auth, familyId, request.id);
  if (!opened) throw notFound('family');
  // A closed file answers every change with `file_closed`, whichever route asks (the policy decides).
  if (access.write) opened.requireOpenFile(access.action);
  if (access.action) opened.require(access.action);
  await opened.audit(access.write ? 'write' : 'read', access.part);
  return opened;
}

export { currentConsent, scopeOf } from './familyScope.ts';
