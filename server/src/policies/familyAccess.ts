import type { Request } from 'express';
import mongoose from 'mongoose';
import { can, type FamilyAction, type FamilyScope } from '@concerto/shared';
import { requireAuth } from '../auth/authenticate.ts';
import type { AuthContext } from '../auth/sessions.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { FamilyModel } from '../models/family.ts';
import { recordAudit, type AuditPart } from './audit.ts';

type FamilyHydrated = InstanceType<typeof FamilyModel>;

/** The latest consent of each member for a scope decides; an older grant does not outlive a withdrawal. */
export function currentConsent(
  family: Pick<FamilyHydrated, 'consents'>,
  memberId: string,
  scope: string,
): boolean | null {
  let current: boolean | null = null;
  for (const consent of family.consents) {
    if (String(consent.memberId) === memberId && consent.scope === scope) current = consent.granted;
  }
  return current;
}

/** What the policy needs to know about a stored family: active memberships and withdrawn sharing consents. */
export function scopeOf(family: FamilyHydrated): FamilyScope {
  return {
    familyId: String(family._id),
    team: family.team
      .filter((membership) => !membership.endedAt)
      .map((membership) => ({
        professionalId: String(membership.professionalId),
        functions: [...membership.functions],
      })),
    sharingWithdrawnMemberIds: family.members
      .map((member) => String(member._id))
      .filter((memberId) => currentConsent(family, memberId, 'teamSharing') === false),
  };
}

/** A family file opened by a caller allowed to read it; the access has been written to the audit trail. */
export interface OpenedFamily {
  auth: AuthContext;
  family: FamilyHydrated;
  scope: FamilyScope;
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
  const family = mongoose.isValidObjectId(familyId) ? await FamilyModel.findById(familyId) : null;
  if (!family) throw notFound('family');
  const scope = scopeOf(family);
  if (!can(auth.actor, 'family.read', { kind: 'family', family: scope })) throw notFound('family');
  if (access.action && !can(auth.actor, access.action, { kind: 'family', family: scope })) throw forbidden();
  await recordAudit(auth, family._id, access.write ? 'write' : 'read', access.part, request.id);
  return { auth, family, scope };
}
