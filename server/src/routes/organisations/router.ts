import { Router } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import {
  AccountChangeSchema,
  CreateOrganisationRequestSchema,
  CreateProfessionalRequestSchema,
  IdSchema,
  OrganisationSchema,
  PasswordResetLinkSchema,
  ProfessionalSchema,
  UpdateProfessionalRequestSchema,
  can,
  grantableHealthRoles,
  type Actor,
  managedOrganisations,
  userIdOf,
} from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import { createProfessionalAccount } from '../../commands/accountCreator.ts';
import { updateProfessionalAccount } from '../../commands/accountUpdater.ts';
import { issuePasswordReset } from '../../commands/passwordChanger.ts';
import type { SessionRegistry } from '../../auth/sessionRegistry.ts';
import { endpoint } from '../../http/endpoint.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { ifMatchVersion, versionOf, type LastChange } from '../../http/versions.ts';
import { AccountChangeModel } from '../../models/accountChange.ts';
import { OrganisationModel } from '../../models/organisation.ts';
import { managedOrganisation } from './managedOrganisation.ts';
import { UserModel } from '../../models/user.ts';
import { presentProfessional } from '../../presenters/professionalPresenter.ts';
import type { Request } from 'express';

const auth = (request: Request) => requireAuth(request);
const OrganisationParams = z.strictObject({ id: IdSchema });
const ProfessionalParams = z.strictObject({ id: IdSchema, professionalId: IdSchema });

const asAccountOrganisation = (organisation: { _id: unknown; kind: string }) =>
  ({ id: String(organisation._id), kind: organisation.kind }) as Parameters<
    typeof createProfessionalAccount
  >[1];

const presentOrganisation = (
  organisation: {
    _id: unknown;
    name: string;
    kind: string;
    bassin?: string | null;
    bassinChange?: Partial<LastChange> | null;
  },
  actor?: Actor,
) =>
  OrganisationSchema.parse({
    id: String(organisation._id),
    name: organisation.name,
    kind: organisation.kind,
    bassin: organisation.bassin ?? null,
    bassinVersion: versionOf(organisation.bassinChange),
    ...(actor
      ? { grantableHealthRoles: grantableHealthRoles(actor, asAccountOrganisation(organisation)) }
      : {}),
  });

/** Organisations and their staff accounts, managed by the admin and each organisation's access managers. */
export function organisationsRouter(sessions: SessionRegistry): Router {
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
      const managed = managedOrganisations(actor);
      if (managed.length === 0) return [];
      const filter = managed === 'all' ? {} : { _id: mongoose.trusted({ $in: [...managed] }) };
      return (await OrganisationModel.find(filter).sort({ name: 1 }).lean()).map((organisation) =>
        presentOrganisation(organisation, actor),
      );
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
      // The organisation and its first access manager exist together or not at all.
      const organisation = await mongoose.connection.transaction(async (session) => {
        const [created] = await OrganisationModel.create(
          [
            {
              name: body.name,
              kind: body.kind,
              bassin: body.bassin ?? null,
              createdBy: userIdOf(auth.actor),
            },
          ],
          { session },
        );
        if (body.accessManager)
          await createProfessionalAccount(
            auth,
            asAccountOrganisation(created!),
            { ...body.accessManager, accessManager: true },
            session,
          );
        return created!;
      });
      return presentOrganisation(organisation, auth.actor);
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
      const manager = { actor: auth(request).actor, organisation: asAccountOrganisation(organisation) };
      return staff.map((user) => presentProfessional(user, organisation.name, manager));
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
      const manager = { actor: auth(request).actor, organisation: asAccountOrganisation(organisation) };
      const user = await createProfessionalAccount(auth(request), manager.organisation, body);
      return presentProfessional(user.toObject(), organisation.name, manager);
    },
  );

  endpoint(
    router,
    {
      method: 'patch',
      path: '/organisations/:id/professionals/:professionalId',
      summary:
        'Change a staff account: (de)activate it (deactivation ends its sessions), access manager, health role (logged)',
      tags: ['organisations'],
      params: ProfessionalParams,
      body: UpdateProfessionalRequestSchema,
      response: ProfessionalSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const organisation = await managedOrganisation(request, params.id);
      const user = await updateProfessionalAccount(
        auth(request),
        asAccountOrganisation(organisation),
        params.professionalId,
        body,
        ifMatchVersion(request),
      );
      if (body.active === false) await sessions.announce({ kind: 'user', userId: String(user._id) });
      const manager = { actor: auth(request).actor, organisation: asAccountOrganisation(organisation) };
      return presentProfessional(user.toObject(), organisation.name, manager);
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/organisations/:id/account-changes',
      summary:
        'Every grant or change of rights of the staff (role, access manager, activation), newest first',
      tags: ['organisations'],
      params: OrganisationParams,
      response: z.array(AccountChangeSchema),
      authenticated: true,
    },
    async ({ params, request }) => {
      const organisation = await managedOrganisation(request, params.id);
      const changes = await AccountChangeModel.find({ organisationId: organisation._id })
        .sort({ at: -1 })
        .limit(500)
        .lean();
      return changes.map((change) => ({
        id: String(change._id),
        at: change.at.toISOString(),
        kind: change.kind,
        professional: { id: String(change.professionalId), displayName: change.professionalName },
        healthRole: change.healthRole,
        previousHealthRole: change.previousHealthRole ?? null,
        by: { kind: change.byKind, displayName: change.byName },
      }));
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/organisations/:id/professionals/:professionalId/password-reset',
      summary: "Reset a colleague's password: a single-use link (3 days) with which they choose a new one",
      tags: ['organisations'],
      params: ProfessionalParams,
      response: PasswordResetLinkSchema,
      authenticated: true,
    },
    async ({ params, request }) => {
      const organisation = await managedOrganisation(request, params.id);
      const user = await UserModel.findOne({ _id: params.professionalId, organisationId: organisation._id });
      if (!user || !user.active) throw notFound('professional');
      const caller = auth(request);
      return issuePasswordReset(user._id, userIdOf(caller.actor) ?? '');
    },
  );

  return router;
}
