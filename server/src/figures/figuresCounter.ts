import {
  caseLoadPhases,
  concertationPresences,
  contactKinds,
  figureKeys,
  homeVisitCounts,
  minimumShownCount,
  referralDelays,
  referralOutcomes,
  screeningTimings,
  strata,
  suppressSmallCounts,
  type FigureKey,
  type FigureTable,
} from '@concerto/shared';
import type { PipelineStage } from 'mongoose';
import { ConcertationModel } from '../models/concertation.ts';
import { ContactModel } from '../models/contact.ts';
import { FamilyModel } from '../models/family.ts';
import { ReferralModel } from '../models/referral.ts';
import { figureFacets, type Period, type Stage } from './figurePipelines.ts';

/** The rows and columns of each table, in the order shown; a count outside them is a programming error. */
const tableShapes: Record<FigureKey, { rows: readonly string[]; columns: readonly string[] }> = {
  screening: { rows: screeningTimings, columns: ['families'] },
  caseLoad: { rows: strata, columns: caseLoadPhases },
  referrals: { rows: referralOutcomes, columns: referralDelays },
  concertations: { rows: concertationPresences, columns: ['concertations'] },
  contacts: { rows: contactKinds, columns: caseLoadPhases },
  homeVisits: { rows: homeVisitCounts, columns: ['families'] },
};

interface Group {
  _id: { row: string; column: string };
  count: number;
}

/** Lays the database's groups out as the table's matrix, then hides what could name a family. */
function suppressedTable(key: FigureKey, groups: readonly Group[]): FigureTable {
  const { rows, columns } = tableShapes[key];
  const counts = rows.map(() => columns.map(() => 0));
  for (const group of groups) {
    const row = rows.indexOf(group._id.row);
    const column = columns.indexOf(group._id.column);
    if (row < 0 || column < 0)
      throw new Error(`figures: ${key} has no place for ${JSON.stringify(group._id)}`);
    counts[row]![column] = group.count;
  }
  return { key, rows: [...rows], columns: [...columns], ...suppressSmallCounts(counts) };
}

/**
 * Counts the families matching `familyMatch` (the scope, as a `$match` on families) in one aggregation,
 * and returns every table with its small counts already hidden: nothing hidden leaves this function.
 */
export async function countFigures(
  familyMatch: Stage,
  period: Period,
  today = new Date(),
): Promise<{ minimumShownCount: number; tables: FigureTable[] }> {
  const facets = figureFacets(
    {
      referrals: ReferralModel.collection.name,
      concertations: ConcertationModel.collection.name,
      contacts: ContactModel.collection.name,
    },
    period,
    today,
  );
  const [result] = await FamilyModel.aggregate<Record<FigureKey, Group[]>>([
    { $match: familyMatch },
    // The stages are plain MongoDB; mongoose's stage types do not describe every expression used.
    { $facet: facets } as unknown as PipelineStage,
  ]);
  return {
    minimumShownCount,
    tables: figureKeys.map((key) => suppressedTable(key, result?.[key] ?? [])),
  };
}
