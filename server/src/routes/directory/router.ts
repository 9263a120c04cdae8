import express, { Router, type Request } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import {
  DirectoryEntryInputSchema,
  DirectoryEntrySchema,
  DirectoryQuerySchema,
  IdSchema,
  SuggestCorrectionRequestSchema,
  UpdateDirectoryEntryRequestSchema,
  type Actor,
  type DirectoryEntry,
  userIdOf,
  can,
  directoryMaintainerOrganisation,
} from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import { csvColumns, readDirectoryCsv, toCsv } from '../../commands/directoryCsv.ts';
import { queryPattern, searchTextOf } from '../../commands/directoryKeeper.ts';
import { endpoint } from '../../http/endpoint.ts';
import { HttpError, forbidden, notFound } from '../../http/errors.ts';
import { DirectoryEntryModel, type DirectoryEntryDocument } from '../../models/directoryEntry.ts';
import { OrganisationModel } from '../../models/organisation.ts';
import { inTransaction } from '../../db/transaction.ts';
import { saveVersioned } from '../../http/versionedWrite.ts';
import { versionOf } from '../../http/versions.ts';

const EntryParams = z.strictObject({ id: IdSchema });

/** Who maintains an entry: the admin, or an access manager of the entry's organisation (the policy). */
function maintains(actor: Actor, entry: Pick<DirectoryEntryDocument, 'organisationId'>): boolean {
  const organisationId = entry.organisationId ? String(entry.organisationId) : null;
  return can(actor, 'directory.entry.maintain', { kind: 'directory', entry: { organisationId } });
}

/** The organisation new entries belong to: the access manager's own; the admin's entries belong to no one. */
function maintainerOrganisation(actor: Actor): string | null {
  const organisationId = directoryMaintainerOrganisation(actor);
  if (organisationId === undefined)
    throw forbidden("Organisations' access managers maintain their entries; suggest a correction instead.");
  return organisationId;
}

async function present(entries: DirectoryEntryDocument[], actor: Actor): Promise<DirectoryEntry[]> {
  const organisations = await OrganisationModel.find(
    { _id: mongoose.trusted({ $in: entries.map((entry) => entry.organisationId).filter(Boolean) }) },
    { name: 1 },
  ).lean();
  const names = new Map(organisations.map((organisation) => [String(organisation._id), organisation.name]));
  return entries.map((entry) => {
    const canEdit = maintains(actor, entry);
    return {
      id: String(entry._id),
      name: entry.name,
      kind: entry.kind,
      offer: entry.offer,
      languages: [...entry.languages],
      cost: entry.cost,
      bassin: entry.bassin,
      address: entry.address,
      phone: entry.phone,
      email: entry.email,
      website: entry.website,
      openingHours: entry.openingHours,
      availability: entry.availability?.status
        ? {
            status: entry.availability.status as 'available',
            note: entry.availability.note ?? '',
            updatedAt: entry.availability.updatedAt?.toISOString() ?? '',
            updatedBy: entry.availability.updatedBy ?? '',
          }
        : null,
      organisation: entry.organisationId
        ? { id: String(entry.organisationId), name: names.get(String(entry.organisationId)) ?? '' }
        : null,
      version: versionOf(entry.lastChange),
      ...(canEdit
        ? {
            suggestions: entry.suggestions.map((suggestion) => ({
              text: suggestion.text ?? '',
              by: suggestion.by ?? '',
              at: suggestion.at?.toISOString() ?? '',
            })),
          }
        : {}),
      canEdit,
    };
  });
}

function searchFilter(query: z.output<typeof DirectoryQuerySchema>) {
  const pattern = queryPattern(query.q);
  return {
    ...(pattern ? { searchText: pattern } : {}),
    ...(query.bassin ? { bassin: query.bassin } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.language ? { languages: query.language } : {}),
  };
}

async function importCsv(request: Request, actor: Actor) {
  const organisationId = maintainerOrganisation(actor);
  const text = typeof request.body === 'string' ? request.body : '';
  if (!text.trim()) throw new HttpError(400, 'invalid_request', 'Send the CSV file as text/csv.');
  const rows = readDirectoryCsv(text);
  const problems = rows
    .filter((row) => 'problems' in row)
    .map((row) => ({
      path: `line ${row.line}`,
      message: (row as { problems: string[] }).problems.join('; '),
    }));
  // All or nothing: a list is fixed and imported again, never half-imported.
  if (problems.length)
    throw new HttpError(
      400,
      'invalid_request',
      `The CSV has ${problems.length} line(s) to fix; nothing was imported.`,
      problems,
    );
  const entries = rows.map((row) => (row as { entry: z.output<typeof DirectoryEntryInputSchema> }).entry);
  await inTransaction((session) =>
    DirectoryEntryModel.insertMany(
      entries.map((entry) => ({ ...entry, organisationId, searchText: searchTextOf(entry) })),
      { session },
    ),
  );
  return { imported: entries.length };
}

/** Suggestions kept per directory entry (the newest); older ones drop off. */
export const maxSuggestionsPerEntry = 50;

/** The living resource directory: search, entries maintained by their organisations, availability, CSV. */
export function directoryRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/directory',
      summary: 'Search services (accents and case ignored, fr/nl/en kind names) by bassin, kind, language',
      tags: ['directory'],
      query: DirectoryQuerySchema,
      response: z.array(DirectoryEntrySchema),
      authenticated: true,
    },
    async ({ query, request }) => {
      const actor = requireAuth(request).actor;
      const entries = await DirectoryEntryModel.find(searchFilter(query)).sort({ name: 1 }).limit(200).lean();
      return present(entries, actor);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/directory',
      summary: 'Add a service (access managers for their organisation, or the admin)',
      tags: ['directory'],
      body: DirectoryEntryInputSchema,
      response: DirectoryEntrySchema,
      authenticated: true,
    },
    async ({ body, request }) => {
      const actor = requireAuth(request).actor;
      const organisationId = maintainerOrganisation(actor);
      const entry = await DirectoryEntryModel.create({
        ...body,
        organisationId,
        searchText: searchTextOf(body),
      });
      return (await present([entry.toObject()], actor))[0];
    },
  );

  endpoint(
    router,
    {
      method: 'patch',
      path: '/directory/:id',
      summary:
        'Edit a service (its maintainers), or update its current availability (any professional, dated)',
      tags: ['directory'],
      params: EntryParams,
      body: UpdateDirectoryEntryRequestSchema,
      response: DirectoryEntrySchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const auth = requireAuth(request);
      const entry = await DirectoryEntryModel.findById(params.id);
      if (!entry) throw notFound('service');
      const { availability, ...fields } = body;
      if (Object.keys(fields).length > 0 && !maintains(auth.actor, entry))
        throw forbidden('Only the organisation maintaining this service edits it; suggest a correction.');
      if (
        availability &&
        !can(auth.actor, 'directory.availability.update', { kind: 'directory', entry: null })
      )
        throw forbidden('Professionals update availability.');
      entry.set(fields);
      if (availability)
        entry.availability = { ...availability, updatedAt: new Date(), updatedBy: auth.displayName } as never;
      entry.searchText = searchTextOf(entry);
      await saveVersioned(request, entry, { what: 'service', by: auth.displayName });
      return (await present([entry.toObject()], auth.actor))[0];
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/directory/:id/suggestions',
      summary: 'Suggest a correction to a service (anyone signed in); its maintainers see it',
      tags: ['directory'],
      params: EntryParams,
      body: SuggestCorrectionRequestSchema,
      response: z.object({ received: z.literal(true) }),
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const auth = requireAuth(request);
      const updated = await DirectoryEntryModel.updateOne(
        { _id: params.id },
        {
          $push: {
            suggestions: {
              $each: [
                {
                  text: body.text,
                  by: auth.displayName,
                  byUserId: userIdOf(auth.actor),
                  at: new Date(),
                },
              ],
              // Bounded: the newest suggestions are kept, so an entry can never outgrow a document.
              $slice: -maxSuggestionsPerEntry,
            },
          },
        },
      );
      if (updated.matchedCount === 0) throw notFound('service');
      return { received: true as const };
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/directory/export.csv',
      summary: 'The directory (or a search) as CSV',
      tags: ['directory'],
      query: DirectoryQuerySchema,
      contentType: 'text/csv',
      authenticated: true,
    },
    async ({ query, request, response }) => {
      requireAuth(request);
      const entries = await DirectoryEntryModel.find(searchFilter(query)).sort({ name: 1 }).lean();
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', 'attachment; filename="cadastre.csv"');
      response
        .status(200)
        .send(
          toCsv(
            entries.map(
              (entry) =>
                Object.fromEntries(
                  csvColumns.map((column) => [column, entry[column] as string | string[]]),
                ) as never,
            ),
          ),
        );
    },
  );

  router.post('/directory/import', express.text({ type: ['text/csv', 'text/plain'], limit: '2mb' }));
  endpoint(
    router,
    {
      method: 'post',
      path: '/directory/import',
      summary: 'Import services from CSV (text/csv; same columns as the export); all lines or none',
      tags: ['directory'],
      response: z.object({ imported: z.number() }),
      authenticated: true,
    },
    async ({ request }) => importCsv(request, requireAuth(request).actor),
  );

  return router;
}
