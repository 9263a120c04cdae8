import { Router } from 'express';
import { z } from 'zod';
import {
  CreateOrganisationRequestSchema,
  CreateProfessionalRequestSchema,
  IdSchema,
  OrganisationSchema,
  ProfessionalSchema,
  UpdateProfessionalRequestSchema,
  can,
} from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import { revokeUserSessions } from '../../auth/sessions.ts';
import { createProfessionalAccount } from '../../commands/accountCreator.ts';
import { announceAccessChange } from '../../collab/accessEvents.ts';
import { endpoint } from '../../http/endpoint.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { OrganisationModel } from '../../models/organisation.ts';
import { UserModel } from '../../models/user.ts';
import { presentProfessional } from '../../presenters/professionalPresenter.ts';
import type { Request } from 'express';

const OrganisationParams = z.strictObject({ id: IdSchema });
const ProfessionalParams = z.strictObject({ id: IdSchema, professionalId: IdSchema });

const presentOrganisation = (organisation: { _id: unknown; name: string; kind: string }) =>
  OrganisationSchema.parse({
    id: String(organisation._id),
    name: organisation.name,
    kind: organisation.kind,
  });

/** The organisation whose staff the caller manages (admin: any; access manager: their own), else 404/403. */
async function managedOrganisation(request: Request, organisationId: string) {
  const auth = requireAuth(request);
  const organisation = await OrganisationModel.findById(organisationId).lean();
  const allowed = can(auth.actor, 'organisation.staff.manage', { kind: 'organisation', organisationId });
  if (!organisation || !allowed) {
    // A colleague may know their own organisation exists; anyone else learns nothing.
    if (organisation && auth.actor.kind === 'professional' && auth.actor.organisationId === organisationId)
      throw forbidden();
    throw notFound('organisation');
  }
  return organisation;
}

/** Organisations and their staff accounts, managed by the admin and each organisation's access managers. */
export function organisationsRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/organisations',
      summary: 'Organisations the caller manages (admin: all)',
      tags: ['organisations'],
      response: z.array(OrganisationSchema),
      authenticated: true,
    },
    async ({ request }) => {
      const actor = requireAuth(request).actor;
      if (actor.kind === 'admin')
        return (await OrganisationModel.find().sort({ name: 1 }).lean()).map(presentOrganisation);
      if (actor.kind === 'professional' && actor.accessManager) {
        return (await OrganisationModel.find({ _id: actor.organisationId }).lean()).map(presentOrganisation);
      }
      return [];
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/organisations',
      summary: 'Create an organisation and its first access manager (platform admin)',
      tags: ['organisations'],
      body: CreateOrganisationRequestSchema,
      response: OrganisationSchema,
      authenticated: true,
    },
    async ({ body, request }) => {
      const auth = requireAuth(request);
      if (!can(auth.actor, 'organisation.create', { kind: 'platform' }))
        throw forbidden('Only the platform admin creates organisations.');
      const organisation = await OrganisationModel.create({
        name: body.name,
        kind: body.kind,
        createdBy: auth.actor.kind === 'admin' ? auth.actor.userId : null,
      });
      if (body.accessManager) {
        try {
          await createProfessionalAccount(organisation._id, { ...body.accessManager, accessManager: true });
        } catch (error) {
          await OrganisationModel.deleteOne({ _id: organisation._id });
          throw error;
        }
      }
      return presentOrganisation(organisation);
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/organisations/:id/professionals',
      summary: "An organisation's staff accounts",
      tags: ['organisations'],
      params: OrganisationParams,
      response: z.array(ProfessionalSchema),
      authenticated: true,
    },
    async ({ params, request }) => {
      const organisation = await managedOrganisation(request, params.id);
      const staff = await UserModel.find({ organisationId: organisation._id })
        .sort({ displayName: 1 })
        .lean();
      return staff.map((user) => presentProfessional(user, organisation.name, true));
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/organisations/:id/professionals',
      summary: 'Create a professional account in the organisation',
      tags: ['organisations'],
      params: OrganisationParams,
      body: CreateProfessionalRequestSchema,
      response: ProfessionalSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const organisation = await managedOrganisation(request, params.id);
      const user = await createProfessionalAccount(organisation._id, body);
      return presentProfessional(user.toObject(), organisation.name, true);
    },
  );

  endpoint(
    router,
    {
      method: 'patch',
      path: '/organisations/:id/professionals/:professionalId',
      summary: 'Deactivate or reactivate a staff account (deactivation ends its sessions at once)',
      tags: ['organisations'],
      params: ProfessionalParams,
      body: UpdateProfessionalRequestSchema,
      response: ProfessionalSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const organisation = await managedOrganisation(request, params.id);
      const user = await UserModel.findOne({ _id: params.professionalId, organisationId: organisation._id });
      if (!user) throw notFound('professional');
      if (body.active !== undefined) user.active = body.active;
      if (body.accessManager !== undefined) user.accessManager = body.accessManager;
      await user.save();
      if (body.active === false) {
        await revokeUserSessions(user._id);
        announceAccessChange({ kind: 'user', userId: String(user._id) });
      }
      return presentProfessional(user.toObject(), organisation.name, true);
    },
  );

  return router;
}
