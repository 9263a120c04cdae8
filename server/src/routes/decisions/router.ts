import { Router, type Request } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import {
  AmendDecisionRequestSchema,
  DecisionViewSchema,
  GivePositionRequestSchema,
  IdSchema,
  ProposeDecisionRequestSchema,
  amendmentHiddenFrom,
  awaitsPositions,
  brusselsDay,
  mayBeAskedPosition,
  memberIdOf,
  professionalIdOf,
} from '@concerto/shared';
import { endpoint } from '../../http/endpoint.ts';
import { HttpError, forbidden, invalidField, notFound } from '../../http/errors.ts';
import { ConcertationModel } from '../../models/concertation.ts';
import { DecisionModel, type DecisionDocument } from '../../models/decision.ts';
import { canOnDecision, visibleDecision, visibleDecisions } from '../../policies/decisionReads.ts';
import { openFamily, type OpenedFamily } from '../../policies/familyAccess.ts';
import { presentDecisions } from '../../presenters/decisionPresenter.ts';
import { askPositions } from '../../notifications/positionRequests.ts';
import { announceRoomChange } from '../../realtime/roomEvents.ts';
import { FamilyParams } from '../families/params.ts';

const DecisionParams = z.strictObject({ id: IdSchema });
type Proposal = z.output<typeof ProposeDecisionRequestSchema>;

async function present(decisions: DecisionDocument[], opened: OpenedFamily) {
  const amendments = await DecisionModel.find(
    { amends: mongoose.trusted({ $in: decisions.map((decision) => decision._id) }) },
    { amends: 1 },
  ).lean();
  const amendedBy = new Map(amendments.map((amendment) => [String(amendment.amends), String(amendment._id)]));
  return presentDecisions(decisions, amendedBy, opened);
}

/** Loads a decision the caller may see (404 otherwise, like everything in a file they cannot read). */
async function openDecision(request: Request, decisionId: string, write: boolean) {
  const found = await DecisionModel.findById(decisionId, { familyId: 1 }).lean();
  if (!found) throw notFound('decision');
  let opened: OpenedFamily;
  try {
    opened = await openFamily(request, String(found.familyId), { part: 'decisions', write });
  } catch {
    throw notFound('decision');
  }
  const decision = await visibleDecision(opened, decisionId);
  if (!decision) throw notFound('decision');
  return { opened, decision };
}

/**
 * Members asked for their position: in a meeting, those present in the room or else invited; between
 * meetings, those the proposer named, or every member the policy lets us ask (never a hidden one).
 */
async function awaitedMembers(opened: OpenedFamily, proposal: Proposal): Promise<string[]> {
  const askable = (id: string) =>
    mayBeAskedPosition(
      opened.scope,
      { hiddenFromMemberIds: proposal.hiddenFromMemberIds, status: 'proposed' },
      id,
    );
  if (!proposal.concertationId) {
    const named = proposal.awaitedMemberIds;
    // Without a day for positions, a proposal outside a meeting asks nobody (as an amendment does).
    if (!proposal.positionsDueBy && !named?.length) return [];
    const refused = named?.find((id) => !askable(id));
    if (refused)
      throw invalidField(
        'awaitedMemberIds',
        `${refused} cannot be asked: hidden from them, or out of concertations`,
      );
    const awaited = named ?? opened.family.members.map((member) => String(member._id)).filter(askable);
    if (!proposal.positionsDueBy)
      throw invalidField('positionsDueBy', 'say by which day the positions are expected');
    if (proposal.positionsDueBy < brusselsDay())
      throw invalidField('positionsDueBy', 'the day for positions is already past');
    return awaited;
  }
  const concertation = await ConcertationModel.findOne({
    _id: proposal.concertationId,
    familyId: opened.family._id,
  }).lean();
  if (!concertation)
    throw new HttpError(400, 'invalid_request', 'concertationId: not a concertation of this family', [
      { path: 'concertationId', message: 'unknown concertation' },
    ]);
  const present = concertation.attendance
    .filter((entry) => entry.participantKind === 'familyMember' && entry.status === 'present')
    .map((entry) => entry.participantId);
  const candidates = present.length ? present : concertation.invitedMemberIds.map(String);
  return candidates.filter(askable);
}

function assertMembers(opened: OpenedFamily, proposal: Proposal): void {
  const known = new Set(opened.family.members.map((member) => String(member._id)));
  for (const path of ['hiddenFromMemberIds', 'awaitedMemberIds'] as const) {
    const unknown = (proposal[path] ?? []).find((id) => !known.has(id));
    if (unknown) throw invalidField(path, `${unknown} is not a member of this family`);
  }
}

async function createDecision(
  opened: OpenedFamily,
  proposal: Proposal,
  amends: { id: mongoose.Types.ObjectId; reason: string } | null,
) {
  assertMembers(opened, proposal);
  const actor = opened.auth.actor;
  return DecisionModel.create({
    familyId: opened.family._id,
    concertationId: proposal.concertationId ?? null,
    what: proposal.what,
    owner: proposal.owner,
    dueDate: proposal.dueDate ?? null,
    linkedPlanItemIds: proposal.linkedPlanItemIds,
    hiddenFromMemberIds: proposal.hiddenFromMemberIds,
    proposedBy: professionalIdOf(actor) ?? undefined,
    proposedAt: new Date(),
    amends: amends?.id ?? null,
    amendmentReason: amends?.reason ?? null,
    awaitedMemberIds: await awaitedMembers(opened, proposal),
    // In a meeting positions are given live; a day for them only makes sense between meetings.
    positionsDueBy: proposal.concertationId ? null : (proposal.positionsDueBy ?? null),
  });
}

function announce(decision: DecisionDocument): void {
  if (decision.concertationId)
    announceRoomChange({ concertationId: String(decision.concertationId), what: 'decisions' });
}

/** Decisions: proposed, positioned by the family in its own words, recorded, amended (never edited). */
export function decisionsRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/decisions',
      summary: "The family's decisions the caller may see, with positions and amendments",
      tags: ['decisions'],
      params: FamilyParams,
      response: z.array(DecisionViewSchema),
      authenticated: true,
    },
    async ({ params, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'decisions',
        write: false,
        action: 'family.decisions.read',
      });
      return present(await visibleDecisions(opened), opened);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/decisions',
      summary: 'Propose a decision (what, who, by when, linked plan items, audience)',
      tags: ['decisions'],
      params: FamilyParams,
      body: ProposeDecisionRequestSchema,
      response: DecisionViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'decisions',
        write: true,
        action: 'family.decisions.propose',
      });
      const decision = await createDecision(opened, body, null);
      announce(decision);
      await askPositions([String(decision._id)], opened.auth);
      return (await present([decision.toObject()], opened))[0];
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/decisions/:id/positions',
      summary: 'A family member gives her position in her own words (agrees, disagrees, needs time)',
      tags: ['decisions'],
      params: DecisionParams,
      body: GivePositionRequestSchema,
      response: DecisionViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const { opened, decision } = await openDecision(request, params.id, true);
      const memberId = memberIdOf(opened.actor);
      if (!memberId || !opened.can('family.decisions.position'))
        throw forbidden('Positions are given by the family members themselves.');
      if (decision.status === 'recorded')
        throw new HttpError(
          409,
          'decision_recorded',
          'This decision is recorded; it can only be amended by a new decision.',
        );
      if (!canOnDecision(opened, 'decision.position', decision))
        throw forbidden('Your position was not asked on this decision.');
      const others = decision.positions.filter((position) => String(position.memberId) !== memberId);
      decision.set('positions', [
        ...others,
        { memberId, position: body.position, words: body.words, at: new Date() },
      ]);
      await decision.save();
      announce(decision);
      return (await present([decision.toObject()], opened))[0];
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/decisions/:id/record',
      summary: 'Record a proposed decision; from then on it never changes',
      tags: ['decisions'],
      params: DecisionParams,
      response: DecisionViewSchema,
      status: 200,
      authenticated: true,
    },
    async ({ params, request }) => {
      const { opened, decision } = await openDecision(request, params.id, true);
      if (!canOnDecision(opened, 'decision.record', decision)) throw forbidden('The team records decisions.');
      if (decision.status === 'recorded') throw new HttpError(409, 'decision_recorded', 'Already recorded.');
      const answered = new Set(decision.positions.map((position) => String(position.memberId)));
      const awaitingCount = decision.awaitedMemberIds.filter((id) => !answered.has(String(id))).length;
      if (awaitsPositions({ positionsDueBy: decision.positionsDueBy ?? null, awaitingCount }, brusselsDay()))
        throw new HttpError(
          409,
          'positions_awaited',
          `Positions are still awaited until ${decision.positionsDueBy}: record it when everyone answered or after that day.`,
        );
      decision.status = 'recorded';
      decision.recordedAt = new Date();
      decision.recordedBy = professionalIdOf(opened.actor) as never;
      await decision.save();
      announce(decision);
      return (await present([decision.toObject()], opened))[0];
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/decisions/:id/amendments',
      summary: 'Correct a recorded decision with a new decision that amends it (both are kept and linked)',
      tags: ['decisions'],
      params: DecisionParams,
      body: AmendDecisionRequestSchema,
      response: DecisionViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const { opened, decision } = await openDecision(request, params.id, true);
      if (!canOnDecision(opened, 'decision.amend', decision)) throw forbidden('The team amends decisions.');
      if (decision.status !== 'recorded')
        throw new HttpError(
          409,
          'decision_not_recorded',
          'A proposal is not amended: record it first, or propose another.',
        );
      if (await DecisionModel.exists({ amends: decision._id }))
        throw new HttpError(409, 'conflict', 'This decision was already amended: amend the newest one.');
      const { reason, widenAudience, hiddenFromMemberIds, ...proposal } = body;
      const amendment = await createDecision(
        opened,
        {
          ...proposal,
          // An amendment stays hidden from whoever the amended decision was hidden from, unless widened.
          hiddenFromMemberIds: amendmentHiddenFrom(
            decision.hiddenFromMemberIds.map(String),
            hiddenFromMemberIds,
            widenAudience,
          ),
          // A correction made in a later meeting belongs to that meeting's minutes.
          concertationId:
            proposal.concertationId ??
            (decision.concertationId ? String(decision.concertationId) : undefined),
        },
        { id: decision._id, reason },
      );
      announce(amendment);
      return (await present([amendment.toObject()], opened))[0];
    },
  );

  return router;
}
