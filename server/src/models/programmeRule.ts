import { Schema, model, type InferSchemaType } from 'mongoose';
import { scenarioOpenableServices } from '@concerto/shared';
import { lastChangeSchema } from '../http/versions.ts';

const openedServices = { type: [{ type: String, enum: scenarioOpenableServices }], default: [] };

/**
 * A rule of the programme kept by its admin, one document per rule (`_id` names it). Today one: which
 * funded services each BIB scenario opens (`_id: 'eligibility'`). No document: Concerto's default applies.
 */
const programmeRuleSchema = new Schema(
  {
    _id: { type: String, enum: ['eligibility'] },
    servicesByScenario: {
      // One list per BIB scenario (O, A, B).
      type: new Schema({ O: openedServices, A: openedServices, B: openedServices }, { _id: false }),
      required: true,
    },
    lastChange: { type: lastChangeSchema, default: () => ({}) },
  },
  { versionKey: false },
);

/** A stored programme rule. */
export type ProgrammeRuleDocument = InferSchemaType<typeof programmeRuleSchema>;
/** The programme's rules, kept by its admin. */
export const ProgrammeRuleModel = model('ProgrammeRule', programmeRuleSchema);
