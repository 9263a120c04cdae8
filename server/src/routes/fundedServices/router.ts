import { Router } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import { IdSchema, ServicesExportQuerySchema, can, type Actor } from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import { endpoint } from '../../http/endpoint.ts';
import { forbidden, invalidField, notFound } from '../../http/errors.ts';
import { FamilyModel } from '../../models/family.ts';
import { OrganisationModel } from '../../models/organisation.ts';
import { UserModel } from '../../models/user.ts';
import { recordAudits } from '../../policies/audit.ts';
import { sendCsv } from '../../presenters/csvTable.ts';
import { loadPeople } from '../../presenters/people.ts';
import { servicesCsv, type ServiceLine } from '../../presenters/servicesCsv.ts';

const OrganisationParams = z.strictObject({ id: IdSchema });

/** The organisation whose funded services the caller exports (her own, as its access manager), else 404/403. */
async function exportedOrganisation(actor: Actor, organisationId: string) {
  const organisation = await OrganisationModel.findById(organisationId, { name: 1 }).lean();
  const resource = { kind: 'organisation', organisationId } as const;
  if (organisation && can(actor, 'organisation.services.export', resource)) return organisation;
  if (organisation && can(actor, 'organisation.read', resource))
    throw forbidden("The organisation's access manager exports its funded services.");
  throw notFound('organisation');
}

/** The period asked for, both days included; by default this calendar year up to today. */
function periodOf(query: z.output<typeof ServicesExportQuerySchema>, today = new Date()) {
  const from = query.from ?? `${today.getUTCFullYear()}-01-01`;
  const to = query.to ?? today.toISOString().slice(0, 10);
  if (to < from) throw invalidField('to', 'the period ends before it starts');
  return {
    from,
    to,
    start: new Date(`${from}T00:00:00Z`),
    end: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000),
  };
}

/** Funded services delivered by an organisation's staff, for its manager and the funder. */
export function fundedServicesRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/organisations/:id/services.csv',
      summary:
        "The funded services the organisation's staff delivered in a period, with their proof, as CSV (access manager; files by id only)",
      tags: ['organisations'],
      params: OrganisationParams,
      query: ServicesExportQuerySchema,
      contentType: 'text/csv',
      authenticated: true,
    },
    async ({ params, query, request, response }) => {
      const auth = requireAuth(request);
      await exportedOrganisation(auth.actor, params.id);
      const period = periodOf(query);
      const staff = await UserModel.find(
        { organisationId: params.id, kind: 'professional' },
        { _id: 1 },
      ).lean();
      const staffIds = new Set(staff.map((user) => String(user._id)));
      const families = await FamilyModel.find(
        { 'services.deliveredBy': mongoose.trusted({ $in: staff.map((user) => user._id) }) },
        { services: 1 },
      ).lean();
      const lines: ServiceLine[] = families.flatMap((family) =>
        family.services
          .filter(
            (record) =>
              staffIds.has(String(record.deliveredBy)) && record.at >= period.start && record.at < period.end,
          )
          .map((record) => ({ fileId: String(family._id), record })),
      );
      lines.sort((first, second) => first.record.at.getTime() - second.record.at.getTime());
      const people = await loadPeople(
        lines.flatMap(({ record }) => [record.deliveredBy, ...(record.professionalIds ?? [])]),
      );
      // Each file whose services left in the export says so in its own audit trail.
      const exported = [...new Set(lines.map((line) => line.fileId))];
      await recordAudits(
        auth,
        exported.map((id) => new mongoose.Types.ObjectId(id)),
        'read',
        'services',
        request.id,
      );
      sendCsv(response, `prestations-${period.from}-${period.to}.csv`, servicesCsv(lines, people));
    },
  );

  return router;
}
