import { Router } from 'express';
import mongoose from 'mongoose';
import {
  GeneralPractitionerRequestSchema,
  GeneralPractitionersSchema,
  GeneralPractitionerViewSchema,
  maySeeMember,
  professionalIdOf,
  type GeneralPractitionerView,
} from '@concerto/shared';
import { endpoint } from '../../http/endpoint.ts';
import { notFound } from '../../http/errors.ts';
import {
  GeneralPractitionerModel,
  type GeneralPractitionerDocument,
} from '../../models/generalPractitioner.ts';
import { openFamily, type OpenedFamily } from '../../policies/familyAccess.ts';
import { loadPeople } from '../../presenters/people.ts';
import { FamilyParams, MemberParams } from '../families/params.ts';

async function present(records: GeneralPractitionerDocument[]): Promise<GeneralPractitionerView[]> {
  const people = await loadPeople(records.map((record) => record.recordedBy));
  return records.map((record) => ({
    memberId: String(record.memberId),
    name: record.name,
    practice: record.practice,
    phone: record.phone,
    globalMedicalRecord: record.globalMedicalRecord,
    recordedAt: record.recordedAt.toISOString(),
    recordedByName: people.get(String(record.recordedBy))?.displayName ?? null,
  }));
}

/** The records the caller may see: every member's for the team, her own for a member. */
async function visibleRecords(opened: OpenedFamily): Promise<GeneralPractitionerDocument[]> {
  const records = await GeneralPractitionerModel.find({ familyId: opened.family._id }).lean();
  return records.filter((record) => maySeeMember(opened.actor, opened.scope, String(record.memberId)));
}

/** The mother's and the child's regular GP and whether each has a DMG (dossier médical global). */
export function generalPractitionersRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/general-practitioners',
      summary: "The members' GPs and DMGs the caller may see (the team all, a member her own)",
      tags: ['families'],
      params: FamilyParams,
      response: GeneralPractitionersSchema,
      authenticated: true,
    },
    async ({ params, request }) => {
      const opened = await openFamily(request, params.id, { part: 'generalPractitioners', write: false });
      return { records: await present(await visibleRecords(opened)), canRecord: opened.can('family.update') };
    },
  );

  endpoint(
    router,
    {
      method: 'put',
      path: '/families/:id/members/:memberId/general-practitioner',
      summary: "Record a member's regular GP and whether she has a DMG with him",
      tags: ['families'],
      params: MemberParams,
      body: GeneralPractitionerRequestSchema,
      response: GeneralPractitionerViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'generalPractitioners',
        write: true,
        action: 'family.update',
      });
      if (!opened.family.members.some((member) => String(member._id) === params.memberId))
        throw notFound('member');
      const record = await GeneralPractitionerModel.findOneAndUpdate(
        { familyId: opened.family._id, memberId: new mongoose.Types.ObjectId(params.memberId) },
        { $set: { ...body, recordedAt: new Date(), recordedBy: professionalIdOf(opened.actor) } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      return (await present([record!]))[0]!;
    },
  );

  return router;
}
