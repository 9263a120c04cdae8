import type mongoose from 'mongoose';
import { readPlan } from '@concerto/shared';
import { SpaceModel } from '../models/space.ts';
import type { DocumentRegistry } from './documentRegistry.ts';

/** The shared plan of a family, read from its Yjs document (loaded for the moment if nobody has it open). */
export async function readSharedPlan(documents: DocumentRegistry, familyId: mongoose.Types.ObjectId) {
  const space = await SpaceModel.findOne({ familyId, kind: 'sharedPlan' }, { _id: 1 }).lean();
  if (!space) return { spaceId: null, plan: { needs: [], goals: [], actions: [] } };
  const document = await documents.open(String(space._id));
  try {
    return { spaceId: String(space._id), plan: readPlan(document.doc) };
  } finally {
    documents.release(document);
  }
}
