import { Router } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import {
  AssessmentViewSchema,
  AssessmentsSchema,
  ChangeIndicatorStatusRequestSchema,
  IdSchema,
  IndicatorSchema,
  RecordAssessmentRequestSchema,
  ShareAssessmentRequestSchema,
  mayChangeIndicatorStatus,
  mayShareAssessment,
  professionalIdOf,
} from '@concerto/shared';
import { assertFamilyMembers, recordAssessment } from '../../commands/assessmentRecorder.ts';
import { endpoint } from '../../http/endpoint.ts';
import { forbidden, invalidField, notFound } from '../../http/errors.ts';
import { updateVersionedItem } from '../../http/versionedWrite.ts';
import { AssessmentModel } from '../../models/assessment.ts';
import { FamilyModel } from '../../models/family.ts';
import { assessmentScopeOf, visibleAssessments } from '../../policies/assessmentReads.ts';
import { openFamily } from '../../policies/familyAccess.ts';
import { indicatorItem } from '../../policies/familyRepository.ts';
import { presentAssessmentList, presentAssessments } from '../../presenters/assessmentPresenter.ts';
import { presentFamily } from '../../presenters/familyPresenter.ts';
import { FamilyParams, IndicatorParams } from '../families/params.ts';

const AssessmentParams = z.strictObject({ id: IdSchema, assessmentId: IdSchema });

/** Assessments and re-assessments of a family, and the status of its indicators over time. */
export function assessmentsRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/assessments',
      summary: 'The assessments the caller may read (a member: those shared with her), and the next review',
      tags: ['assessments'],
      params: FamilyParams,
      response: AssessmentsSchema,
      authenticated: true,
    },
    async ({ params, request }) => {
      const opened = await openFamily(request, params.id, { part: 'assessments', write: false });
      return presentAssessmentList(opened, await visibleAssessments(opened));
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/assessments',
      summary: 'Record the initial assessment or a re-assessment: needs, expectations, strengths, networks',
      tags: ['assessments'],
      params: FamilyParams,
      body: RecordAssessmentRequestSchema,
      response: AssessmentViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'assessments',
        write: true,
        action: 'family.assessments.record',
      });
      const created = await recordAssessment(opened, body);
      const [view] = await presentAssessments(
        opened,
        (await visibleAssessments(opened)).filter((assessment) => assessment._id.equals(created._id)),
      );
      return view;
    },
  );

  endpoint(
    router,
    {
      method: 'patch',
      path: '/families/:id/assessments/:assessmentId',
      summary: 'Choose, member by member, who in the family sees an assessment',
      tags: ['assessments'],
      params: AssessmentParams,
      body: ShareAssessmentRequestSchema,
      response: AssessmentViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, { part: 'assessments', write: true });
      // Only assessments the caller may read are loaded: any other id is unknown to her.
      const assessment = (await visibleAssessments(opened)).find((candidate) =>
        candidate._id.equals(params.assessmentId),
      );
      if (!assessment) throw notFound('assessment');
      if (!mayShareAssessment(opened.actor, opened.scope, assessmentScopeOf(assessment))) throw forbidden();
      assertFamilyMembers(opened, body.sharedWithMemberIds, 'sharedWithMemberIds');
      const sharedWithMemberIds = body.sharedWithMemberIds.map((id) => new mongoose.Types.ObjectId(id));
      await AssessmentModel.updateOne({ _id: assessment._id }, { $set: { sharedWithMemberIds } });
      const [view] = await presentAssessments(
        opened,
        (await visibleAssessments(opened)).filter((candidate) => candidate._id.equals(assessment._id)),
      );
      return view;
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/indicators/:indicatorId/status',
      summary: 'Mark an indicator active, attenuated or resolved (kept in its history with who and when)',
      tags: ['assessments'],
      params: IndicatorParams,
      body: ChangeIndicatorStatusRequestSchema,
      response: IndicatorSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, { part: 'indicators', write: true });
      const indicator = (await opened.indicators()).find(
        (candidate) => String(candidate._id) === params.indicatorId,
      );
      if (!indicator) throw notFound('indicator');
      if (!mayChangeIndicatorStatus(opened.actor, opened.scope, indicatorItem(indicator))) throw forbidden();
      if ((indicator.status ?? 'active') === body.status)
        throw invalidField('status', 'the indicator already has this status');
      const change = {
        status: body.status,
        at: new Date(),
        byUserId: professionalIdOf(opened.actor),
        note: body.note || null,
      };
      await updateVersionedItem(
        request,
        { model: FamilyModel as never, recordId: opened.family._id, array: 'indicators', item: indicator },
        { status: body.status, statusHistory: [...(indicator.statusHistory ?? []), change] },
        { what: 'indicator', by: opened.auth.displayName, fields: ['status'] },
      );
      const view = await presentFamily(opened);
      return view.indicators.find((candidate) => candidate.id === params.indicatorId);
    },
  );

  return router;
}
