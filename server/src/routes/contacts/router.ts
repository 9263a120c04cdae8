import { Router } from 'express';
import { ContactLogSchema, RecordContactRequestSchema } from '@concerto/shared';
import { recordContact } from '../../commands/contactRecorder.ts';
import { endpoint } from '../../http/endpoint.ts';
import { forbidden } from '../../http/errors.ts';
import { canOnContactLog, visibleContacts } from '../../policies/contactReads.ts';
import { openFamily } from '../../policies/familyAccess.ts';
import { presentContactLog, presentContacts } from '../../presenters/contactPresenter.ts';
import { contactsCsv } from '../../presenters/contactsCsv.ts';
import { sendCsv } from '../../presenters/csvTable.ts';
import { FamilyParams } from '../families/params.ts';

/** The contact log of a family file: home visits, consultations, calls, accompaniments; totals; the funder's CSV. */
export function contactsRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/contacts',
      summary:
        'The contacts with the family the caller may see, newest first, with totals per kind and professional',
      tags: ['contacts'],
      params: FamilyParams,
      response: ContactLogSchema,
      authenticated: true,
    },
    async ({ params, request }) => {
      const opened = await openFamily(request, params.id, { part: 'contacts', write: false });
      return presentContactLog(opened, await visibleContacts(opened));
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/contacts',
      summary:
        'Record a contact with the family: date, kind, place, duration, who took part, interpreter, note',
      tags: ['contacts'],
      params: FamilyParams,
      body: RecordContactRequestSchema,
      response: ContactLogSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, { part: 'contacts', write: true });
      await recordContact(opened, body);
      return presentContactLog(opened, await visibleContacts(opened));
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/contacts.csv',
      summary: "The family's contacts as CSV for the funder (no notes, no members' names)",
      tags: ['contacts'],
      params: FamilyParams,
      contentType: 'text/csv',
      authenticated: true,
    },
    async ({ params, request, response }) => {
      const opened = await openFamily(request, params.id, { part: 'contacts', write: false });
      if (!canOnContactLog(opened, 'contacts.export'))
        throw forbidden('The care team exports the contact log.');
      const contacts = await presentContacts(opened, await visibleContacts(opened));
      sendCsv(response, `contacts-${params.id}.csv`, contactsCsv(params.id, contacts));
    },
  );

  return router;
}
