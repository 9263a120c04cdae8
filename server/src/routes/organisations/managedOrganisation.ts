import type { Request } from 'express';
import { can } from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { OrganisationModel } from '../../models/organisation.ts';

/** The organisation whose staff the caller manages (admin: any; access manager: their own), else 404/403. */
export async function managedOrganisation(request: Request, organisationId: string) {
  const auth = requireAuth(request);
  const organisation = await OrganisationModel.findById(organisationId).lean();
  const allowed = can(auth.actor, 'organisation.staff.manage', { kind: 'organisation', organisationId });
  if (!organisation || !allowed) {
    // A colleague may know their own organisation exists; anyone else learns nothing.
    if (organisation && can(auth.actor, 'organisation.read', { kind: 'organisation', organisationId }))
      throw forbidden();
    throw notFound('organisation');
  }
  return organisation;
}
