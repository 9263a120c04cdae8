import mongoose from 'mongoose';
import {
  defaultServicesByScenario,
  type EligibilityRules,
  type ServicesByScenario,
  type UpdateEligibilityRulesRequestSchema,
} from '@concerto/shared';
import type { z } from 'zod';
import { atVersion, nextChange, staleWrite, versionOf } from '../http/versions.ts';
import { ProgrammeRuleModel } from '../models/programmeRule.ts';

const ruleId = 'eligibility';

/** The stored rule, or none while the admin has not recorded the programme's own. */
async function storedRule() {
  return ProgrammeRuleModel.findById(ruleId).lean();
}

/**
 * Which funded services each BIB scenario opens now: the programme's rule as its admin recorded it, or
 * Concerto's default. Read from the database each time, so every instance applies a change at once.
 */
export async function servicesByScenarioNow(): Promise<ServicesByScenario> {
  return rulesOf(await storedRule());
}

/** What a stored rule says each scenario opens; Concerto's default when none is stored. */
function rulesOf(stored: Awaited<ReturnType<typeof storedRule>>): ServicesByScenario {
  return (stored?.servicesByScenario as ServicesByScenario | undefined) ?? defaultServicesByScenario;
}

/** The rule as shown: what each scenario opens, whether it is the default, who changed it when. */
export async function presentEligibilityRules(mayChange: boolean): Promise<EligibilityRules> {
  const stored = await storedRule();
  const rules = rulesOf(stored);
  return {
    servicesByScenario: { O: [...rules.O], A: [...rules.A], B: [...rules.B] },
    isDefault: !stored,
    changedAt: stored?.lastChange?.at?.toISOString() ?? null,
    changedBy: stored?.lastChange?.by ?? null,
    version: versionOf(stored?.lastChange),
    mayChange,
  };
}

/**
 * Records the programme's rule in one conditional write: only if it is still at the version the admin read
 * (`basedOn`, from If-Match; none: the version read here), else 409 `stale` naming who changed it.
 */
export async function changeEligibilityRules(
  request: z.output<typeof UpdateEligibilityRulesRequestSchema>,
  basedOn: number | undefined,
  by: string,
): Promise<void> {
  const stored = await storedRule();
  const loadedAt = versionOf(stored?.lastChange);
  if (basedOn !== undefined && basedOn !== loadedAt) throw staleWrite(stored?.lastChange, 'eligibility rule');
  const change = {
    servicesByScenario: request.servicesByScenario,
    lastChange: nextChange(stored?.lastChange, by, ['servicesByScenario']),
  };
  if (!stored) {
    // The first record: a concurrent first record makes this insert fail on the _id, as a stale write.
    try {
      await ProgrammeRuleModel.create({ _id: ruleId, ...change });
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      throw staleWrite((await storedRule())?.lastChange, 'eligibility rule');
    }
    return;
  }
  const unchanged: Record<string, unknown> = {
    _id: ruleId,
    'lastChange.version': mongoose.trusted(atVersion(loadedAt)),
  };
  const updated = await ProgrammeRuleModel.updateOne(unchanged, { $set: change });
  if (updated.matchedCount === 0) throw staleWrite((await storedRule())?.lastChange, 'eligibility rule');
}
