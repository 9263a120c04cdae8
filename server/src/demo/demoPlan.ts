import * as Y from 'yjs';
import type mongoose from 'mongoose';
import { planRoots } from '@concerto/shared';
import { MongoUpdateStore } from '../collab/updateStore.ts';
import { provisionDefaultSpaces } from '../commands/spaceProvisioner.ts';
import { SpaceModel } from '../models/space.ts';

function entry(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

/**
 * Writes a starting shared plan for a demo family (needs, one in the family's own words, a goal, actions
 * with owners) as a stored Yjs update, and opens the plan to the pregnant person as a contributor.
 */
export async function seedDemoPlan(
  family: { _id: mongoose.Types.ObjectId; members: { _id: mongoose.Types.ObjectId; displayName: string }[] },
  owner: { id: string; name: string },
  dueDate: string,
): Promise<void> {
  await provisionDefaultSpaces(family._id, owner.id);
  const plan = await SpaceModel.findOne({ familyId: family._id, kind: 'sharedPlan' });
  if (!plan) return;
  const mother = family.members[0]!;
  plan.set('audience.members', [{ memberId: mother._id, access: 'contribute' }]);
  await plan.save();
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getArray(planRoots.needs).push([
      entry({
        id: 'need-housing',
        text: 'Trouver un logement plus grand avant la naissance',
        inFamilyWords: false,
        author: owner.name,
      }),
      entry({
        id: 'need-words',
        text: 'Je veux comprendre ce qui se passe pendant les consultations',
        inFamilyWords: true,
        author: mother.displayName,
      }),
    ]);
    doc.getArray(planRoots.goals).push([
      entry({
        id: 'goal-birth',
        text: 'Préparer un accouchement serein avec un interprète présent',
        inFamilyWords: false,
        author: owner.name,
      }),
    ]);
    doc.getArray(planRoots.actions).push([
      entry({
        id: 'action-interpreter',
        what: 'Réserver un interprète arabe pour la consultation du 8e mois',
        owner: { kind: 'professional', id: owner.id, name: owner.name },
        dueDate,
        status: 'todo',
        needId: 'need-words',
      }),
      entry({
        id: 'action-housing',
        what: 'Déposer la demande de logement social',
        owner: { kind: 'family', id: null, name: 'La famille' },
        dueDate,
        status: 'inProgress',
        needId: 'need-housing',
      }),
    ]);
    const paragraph = new Y.XmlElement('paragraph');
    doc.getXmlFragment(planRoots.notes).insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText('Concertation prévue avant la fin du 8e mois, avec interprète.')]);
  });
  await new MongoUpdateStore().append(String(plan._id), 1, Y.encodeStateAsUpdate(doc));
}
