import { Router } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import { ProfessionalSchema, can } from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import { endpoint } from '../../http/endpoint.ts';
import { forbidden } from '../../http/errors.ts';
import { OrganisationModel } from '../../models/organisation.ts';
import { UserModel } from '../../models/user.ts';
import { presentProfessional } from '../../presenters/professionalPresenter.ts';

const SearchQuery = z.strictObject({ search: z.string().trim().max(80).default('') });

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The directory of active professionals, searched when adding someone to a care team. */
export function professionalsRouter(): Router {
  const router = Router();
  endpoint(
    router,
    {
      method: 'get',
      path: '/professionals',
      summary: 'Search active professionals by name or profession',
      tags: ['organisations'],
      query: SearchQuery,
      response: z.array(ProfessionalSchema),
      authenticated: true,
    },
    async ({ query, request }) => {
      if (!can(requireAuth(request).actor, 'professionals.search', { kind: 'platform' }))
        throw forbidden('Only professionals search colleagues.');
      const pattern = new RegExp(escapeRegExp(query.search), 'i');
      // "CPAS" finds the staff of "CPAS de Schaerbeek": organisation names are searched too.
      const matchingOrganisations = query.search
        ? await OrganisationModel.find({ name: pattern }, { _id: 1 }).lean()
        : [];
      const organisationIds = matchingOrganisations.map((organisation) => organisation._id);
      const users = await UserModel.find({
        kind: 'professional',
        active: true,
        ...(query.search
          ? {
              $or: [
                { displayName: pattern },
                { profession: pattern },
                { organisationId: mongoose.trusted({ $in: organisationIds }) },
              ],
            }
          : {}),
      })
        .sort({ displayName: 1 })
        .limit(25)
        .lean();
      const organisations = await OrganisationModel.find(
        { _id: mongoose.trusted({ $in: users.map((user) => user.organisationId) }) },
        { name: 1 },
      ).lean();
      const names = new Map(
        organisations.map((organisation) => [String(organisation._id), organisation.name]),
      );
      return users.map((user) =>
        presentProfessional(user, names.get(String(user.organisationId)) ?? '', null),
      );
    },
  );
  return router;
}
