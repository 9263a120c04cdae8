import mongoose from 'mongoose';
import type { ClosingSummary, MyWork } from '@concerto/shared';
import { ClosingSummaryModel } from '../models/closingSummary.ts';
import { RightsRequestModel } from '../models/rightsRequest.ts';

/** What the list needs of a family: its id, label and members' names. */
interface FamilyFacts {
  _id: mongoose.Types.ObjectId;
  label: string;
  members: readonly { _id: unknown; displayName: string }[];
}

/** The closing summaries handed to this professional, newest first (purged with their file). */
export async function summariesFor(professionalId: mongoose.Types.ObjectId): Promise<ClosingSummary[]> {
  const summaries = await ClosingSummaryModel.find({ recipientId: professionalId })
    .sort({ createdAt: -1 })
    .lean();
  return summaries.map((summary) => ({
    ...(summary.content as Omit<ClosingSummary, 'id'>),
    id: String(summary._id),
  }));
}

/** Members' open requests to correct or erase data in these files (the caller answers them). */
export async function rightsRequestsFor(families: readonly FamilyFacts[]): Promise<MyWork['rightsRequests']> {
  if (!families.length) return [];
  const byId = new Map(families.map((family) => [String(family._id), family]));
  const requests = await RightsRequestModel.find({
    familyId: mongoose.trusted({ $in: families.map((family) => family._id) }),
    handledAt: null,
  })
    .sort({ at: 1 })
    .lean();
  return requests.map((request) => {
    const family = byId.get(String(request.familyId))!;
    const member = family.members.find((candidate) => String(candidate._id) === String(request.memberId));
    return {
      id: String(request._id),
      familyId: String(family._id),
      familyLabel: family.label,
      link: `/families/${String(family._id)}`,
      kind: request.kind,
      text: request.text,
      memberName: member?.displayName ?? '—',
      at: request.at.toISOString(),
    };
  });
}
