import type { TeamFunction } from './family.ts';
import {
  maternityLiaisonKinds,
  momentRules,
  watchedMomentsFor,
  type MaternityLiaisonKind,
  type WatchInput,
  type WatchedMoment,
  type WatchedMomentKind,
} from './keyMomentWatch.ts';
import { addDays, computePhase, daysBetween, daysOfPregnancyFromLastPeriod } from './phase.ts';

/** The alerts of the rupture watch in "my work" (a subset of the key moments' kinds). */
export const watchAlertKinds = [
  'unscreenedAfterFirstTrimester',
  'unscreenedAfterSecondTrimester',
  'thirdTrimesterWithoutMaternityLiaison',
  'birthNotice',
  'dischargeNotRecorded',
  'returnHome',
  'postpartumDepressionScreening',
  'sixWeekVisit',
  'contraceptionTalk',
  'childcareEntry',
  'returnToWork',
] as const;

/** A rupture-watch alert of "my work". */
export interface WatchAlert {
  kind: (typeof watchAlertKinds)[number];
  days: number | null;
  missing?: MaternityLiaisonKind[];
}

/** Days around the return home during which it stays in "my work" (planned ahead, then the first days). */
export const returnHomeWatchDays = 14;
/** The second trimester ends with week 27: from week 28 a family still unscreened has missed the catch-up. */
const endOfSecondTrimesterDays = 28 * 7;

/** Moments of the timeline that "my work" shows as they are, while due or overdue (days until due). */
const dueAlerts: readonly WatchAlert['kind'][] = [
  'birthNotice',
  'postpartumDepressionScreening',
  'sixWeekVisit',
  'contraceptionTalk',
  'childcareEntry',
  'returnToWork',
];

const isOpen = (moment: WatchedMoment) => moment.status === 'due' || moment.status === 'overdue';
const settled = (moment: WatchedMoment | undefined) =>
  moment?.status === 'done' || moment?.status === 'notApplicable';

/**
 * The rupture-watch alerts of one family on `today`: unscreened at the end of T1 (days since) or of T2, the
 * third trimester while the maternity liaison is incomplete (with what is missing), the discharge not yet
 * recorded (days since birth) or the return home (days since the discharge), and every other watched moment
 * while it is due or overdue (days until due, negative when late).
 */
export function watchAlertsFor(input: WatchInput, today: Date): WatchAlert[] {
  const moments = watchedMomentsFor(input, today);
  const byKind = new Map<WatchedMomentKind, WatchedMoment>(moments.map((moment) => [moment.kind, moment]));
  const alerts: WatchAlert[] = [];
  const screening = byKind.get('screening')!;
  if (isOpen(screening) && !input.birthDate && input.dueDate) {
    const lastPeriod = addDays(input.dueDate, -daysOfPregnancyFromLastPeriod);
    const sinceEndOfT1 = daysBetween(addDays(lastPeriod, momentRules.screening.due), today);
    const sinceEndOfT2 = daysBetween(addDays(lastPeriod, endOfSecondTrimesterDays), today);
    alerts.push(
      sinceEndOfT2 >= 0
        ? { kind: 'unscreenedAfterSecondTrimester', days: sinceEndOfT2 }
        : { kind: 'unscreenedAfterFirstTrimester', days: sinceEndOfT1 },
    );
  }
  const phase = computePhase({ dueDate: input.dueDate, birthDate: input.birthDate }, today);
  const missing = maternityLiaisonKinds.filter((kind) => !settled(byKind.get(kind)));
  if (phase?.phase === 'prenatalT3' && missing.length)
    alerts.push({ kind: 'thirdTrimesterWithoutMaternityLiaison', days: null, missing });
  const returnHome = byKind.get('returnHome')!;
  if (input.birthDate && returnHome.doneThrough === 'record' && returnHome.status !== 'notApplicable') {
    const sinceReturn = daysBetween(returnHome.dueDate!, today);
    if (Math.abs(sinceReturn) <= returnHomeWatchDays) alerts.push({ kind: 'returnHome', days: sinceReturn });
  } else if (input.birthDate && isOpen(returnHome))
    alerts.push({ kind: 'dischargeNotRecorded', days: daysBetween(input.birthDate, today) });
  for (const moment of moments) {
    const kind = moment.kind as WatchAlert['kind'];
    if (dueAlerts.includes(kind) && isOpen(moment))
      alerts.push({ kind, days: daysBetween(today, moment.dueDate!) });
  }
  return alerts;
}

/** The functions that watch each alert: the coordinator assesses (seed 004, line 800); the referent keeps watch. */
const assessing: readonly TeamFunction[] = ['coordinator', 'caseManager'];
const following: readonly TeamFunction[] = ['coordinator', 'caseManager', 'referent'];

/**
 * Whether an alert goes to this professional's "my work": to those holding the functions it concerns; when
 * nobody holds them, to the holders of any function; when nobody holds any, to the whole team. Alerts
 * outside the rupture watch go to the whole team.
 */
export function alertConcerns(
  kind: string,
  professionalId: string,
  team: readonly { professionalId: string; functions: readonly TeamFunction[] }[],
): boolean {
  const watched = (watchAlertKinds as readonly string[]).includes(kind);
  const concerned = kind.startsWith('unscreened') ? assessing : watched ? following : null;
  if (!concerned) return true;
  for (const functions of [concerned, following]) {
    const holders = team.filter((member) => member.functions.some((held) => functions.includes(held)));
    if (holders.length) return holders.some((member) => member.professionalId === professionalId);
  }
  return team.some((member) => member.professionalId === professionalId);
}
