import type { SpaceAccess } from '../collab/spaces.ts';
import { canOnFamily } from './family.ts';
import { linkOf, type Actor, type FamilyScope } from './actor.ts';

/** What goes into an export or the minutes for one caller, decided here so exporters only format. */
export interface ExportSections {
  /** The care plan (FHIR CarePlan, minutes' plan changes): only for those who may open the shared plan. */
  plan: boolean;
  /** Stratum changes: the team's assessment, never the family's reading. */
  strata: boolean;
  /** The coordination episode (who coordinated when): the team's record. */
  coordination: boolean;
  /** Who things are hidden from: the team only. */
  audiences: boolean;
}

/** The sections of a FHIR export, minutes or calendar the caller receives, given her access to the shared plan. */
export function exportSectionsFor(
  actor: Actor,
  family: FamilyScope,
  sharedPlanAccess: SpaceAccess,
): ExportSections {
  const team = !!linkOf(actor, family);
  return {
    plan: sharedPlanAccess !== 'none',
    strata: canOnFamily(actor, 'family.strata.read', family),
    coordination: team,
    audiences: team,
  };
}
