import mongoose from 'mongoose';
import {
  alertConcerns,
  can,
  keyMomentsFor,
  listedFamiliesFor,
  openReferralStatuses,
  type MyWork,
  memberIdOf,
} from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import { ConcertationModel } from '../models/concertation.ts';
import { FamilyModel } from '../models/family.ts';
import { FunctionAssignmentModel } from '../models/functionAssignment.ts';
import { ReferralModel } from '../models/referral.ts';
import { recordAudits } from '../policies/audit.ts';
import { familyProjection } from '../policies/familyRepository.ts';
import { scopeOf } from '../policies/familyScope.ts';
import { presentReferrals } from '../presenters/referralPresenter.ts';
import { myOpenActions, type MyAction } from './actionsCollector.ts';
import { keyMomentAnchors, maternityContacts, momentRecordsOf, screenedAt } from './keyMomentWatcher.ts';
import { rightsRequestsFor, summariesFor } from './closingWork.ts';
import { assessmentReviewsFor, stratumReviewsFor } from './reviewWork.ts';

const familyResource = (family: Parameters<typeof scopeOf>[0]) =>
  ({ kind: 'family', family: scopeOf(family) }) as const;

const linkOf = (familyId: unknown, anchor = '') => `/families/${String(familyId)}${anchor}`;

/** One action of "my work", linking to its plan. */
function workAction(action: MyAction): MyWork['actions'][number] {
  return {
    familyId: action.familyId,
    familyLabel: action.familyLabel,
    link: `/families/${action.familyId}/spaces/${action.spaceId}`,
    action,
    needText: action.needText,
  };
}

/**
 * Collects a professional's work across the families where they are on the care team: functions held,
 * open plan actions they carry, open referrals they follow, upcoming concertations and key moments.
 */
export async function collectWork(
  auth: AuthContext,
  requestId: unknown,
  today = new Date(),
): Promise<MyWork> {
  const actor = auth.actor;
  const work: MyWork = {
    functions: [],
    actions: [],
    referrals: [],
    concertations: [],
    keyMoments: [],
    assessmentReviews: [],
    stratumReviews: [],
    closingSummaries: [],
    rightsRequests: [],
  };
  // A family member's work is the actions she carries, the same as `GET /api/me/actions` lists.
  if (memberIdOf(actor)) work.actions = (await myOpenActions(auth, requestId)).map(workAction);
  const listed = listedFamiliesFor(actor);
  if (!listed || !('onTeamOf' in listed)) return work;
  const professionalId = listed.onTeamOf;
  const me = new mongoose.Types.ObjectId(professionalId);
  const families = await FamilyModel.find(
    { team: mongoose.trusted({ $elemMatch: { professionalId: me, endedAt: null } }) },
    familyProjection,
  );
  const familyIds = families.map((family) => family._id);
  const byId = new Map(families.map((family) => [String(family._id), family]));
  const [assignments, referrals, concertations, liaisonFamilies, momentRecords] = await Promise.all([
    FunctionAssignmentModel.find({ familyId: mongoose.trusted({ $in: familyIds }) }).lean(),
    ReferralModel.find({
      familyId: mongoose.trusted({ $in: familyIds }),
      status: mongoose.trusted({ $in: openReferralStatuses }),
    }).lean(),
    ConcertationModel.find({
      invitedProfessionalIds: me,
      status: mongoose.trusted({ $in: ['scheduled', 'open'] }),
      scheduledAt: mongoose.trusted({ $gte: new Date(today.getTime() - 86_400_000) }),
    })
      .sort({ scheduledAt: 1 })
      .lean(),
    maternityContacts(familyIds),
    momentRecordsOf(familyIds),
  ]);

  for (const family of families) {
    const current = assignments.filter(
      (assignment) => String(assignment.familyId) === String(family._id) && !assignment.endedAt,
    );
    const mine = current
      .filter((assignment) => String(assignment.professionalId) === professionalId)
      .map((assignment) => assignment.function);
    if (mine.length)
      work.functions.push({
        familyId: String(family._id),
        familyLabel: family.label,
        link: linkOf(family._id, '#functions'),
        functions: mine,
      });
    const coordinator = current.find((assignment) => assignment.function === 'coordinator');
    const familyReferrals = referrals.filter((referral) => String(referral.familyId) === String(family._id));
    const moments = keyMomentsFor(
      {
        dueDate: family.dueDate ?? null,
        birthDate: family.birthDate ?? null,
        maternityLiaisonRecorded: liaisonFamilies.has(String(family._id)),
        screenedAt: screenedAt(family),
        records: momentRecords.get(String(family._id)) ?? [],
        hasReferent: current.some((assignment) => assignment.function === 'referent'),
        coordinatorTerm: coordinator
          ? { expectedEnd: coordinator.expectedEnd ?? null, successorNamed: false }
          : null,
        followUpExtendedUntil: family.followUpExtensions.at(-1)?.reviewDate ?? null,
      },
      today,
    ).filter(
      // The end of the 1000 days is asked of whoever decides it (the coordinator, else the referent); the
      // rupture watch goes to those whose function it concerns.
      (moment) =>
        (moment.kind !== 'endOfThousandDays' ||
          can(actor, 'family.closing.decide', familyResource(family))) &&
        alertConcerns(moment.kind, professionalId, scopeOf(family).team),
    );
    // A closed file is kept for reading: nothing is to be done in it any more.
    if (family.closure) moments.length = 0;
    for (const moment of moments)
      work.keyMoments.push({
        familyId: String(family._id),
        familyLabel: family.label,
        link: linkOf(family._id, keyMomentAnchors[moment.kind]),
        ...moment,
      });
    const follows = mine.includes('coordinator') || mine.includes('caseManager');
    for (const referral of presentReferrals(
      familyReferrals.filter((referral) => follows || String(referral.createdBy) === professionalId),
      family,
      true,
      today,
    )) {
      work.referrals.push({
        familyId: String(family._id),
        familyLabel: family.label,
        link: linkOf(family._id, '#referrals'),
        referral,
      });
    }
  }
  for (const concertation of concertations) {
    const family = byId.get(String(concertation.familyId));
    if (!family) continue;
    work.concertations.push({
      familyId: String(family._id),
      familyLabel: family.label,
      link: `/concertations/${concertation._id}`,
      concertationId: String(concertation._id),
      scheduledAt: concertation.scheduledAt.toISOString(),
      status: concertation.status,
    });
  }
  work.actions = (await myOpenActions(auth, null)).map(workAction);
  work.assessmentReviews = await assessmentReviewsFor(actor, families, today);
  work.stratumReviews = await stratumReviewsFor(actor, families, today);
  work.closingSummaries = await summariesFor(me);
  work.rightsRequests = await rightsRequestsFor(
    families.filter((family) => can(actor, 'family.rights.handle', familyResource(family))),
  );
  await recordAudits(auth, familyIds, 'read', 'summary', requestId);
  return work;
}
