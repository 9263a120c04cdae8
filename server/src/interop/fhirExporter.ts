import { randomUUID } from 'node:crypto';
import type { FamilyView, PlanAction, PlanEntry } from '@concerto/shared';
import type { DocumentRegistry } from '../collab/documentRegistry.ts';
import { readSharedPlan } from '../collab/planReader.ts';
import { FunctionAssignmentModel } from '../models/functionAssignment.ts';
import type { OpenedFamily } from '../policies/familyAccess.ts';
import { minutesSectionsFor } from '../policies/spaceAccess.ts';
import { presentFamily } from '../presenters/familyPresenter.ts';
import { loadPeople } from '../presenters/people.ts';

type Resource = Record<string, unknown> & { resourceType: string };
const activityStatus: Record<PlanAction['status'], string> = {
  todo: 'not-started',
  inProgress: 'in-progress',
  done: 'completed',
  cancelled: 'cancelled',
};
const consentPurpose: Record<string, string> = {
  screening: 'Dépistage',
  teamSharing: "Partage au sein de l'équipe",
  concertation: 'Participation aux concertations',
};

/**
 * Exports a family's care team and plan as a FHIR R4 Bundle (collection): Patient, CareTeam, Goal,
 * CarePlan with activities, Consent and EpisodeOfCare for the coordination period. It is built from the
 * same filtered view the caller gets from the API, so it carries nothing they may not read.
 */
export async function exportFamilyAsFhir(
  opened: OpenedFamily,
  documents: DocumentRegistry,
): Promise<Resource> {
  const { family } = opened;
  const view: FamilyView = await presentFamily(opened);
  const sections = await minutesSectionsFor(opened);
  const entries: { fullUrl: string; resource: Resource }[] = [];
  const add = (resource: Resource) => {
    const fullUrl = `urn:uuid:${randomUUID()}`;
    entries.push({ fullUrl, resource });
    return { reference: fullUrl };
  };
  const subjectMember = view.members.find((member) => member.role === 'pregnantPerson') ?? view.members[0];
  const patient = add({
    resourceType: 'Patient',
    identifier: [{ system: 'urn:concerto:family-member', value: subjectMember?.id ?? view.id }],
    name: [{ text: subjectMember?.displayName ?? view.label }],
    ...(subjectMember?.birthDate ? { birthDate: subjectMember.birthDate } : {}),
    communication: subjectMember
      ? [
          {
            language: { coding: [{ system: 'urn:ietf:bcp:47', code: subjectMember.preferredLanguage }] },
            preferred: true,
          },
        ]
      : [],
  });
  const careTeam = add({
    resourceType: 'CareTeam',
    status: 'active',
    name: `Équipe de soins — ${view.label}`,
    subject: patient,
    participant: view.team
      .filter((membership) => !membership.endedAt)
      .map((membership) => ({
        role: [{ text: [membership.profession, ...membership.functions].filter(Boolean).join(', ') }],
        member: { display: `${membership.displayName} (${membership.organisationName})` },
        period: { start: membership.joinedAt },
      })),
  });

  if (sections.plan) {
    const { plan } = await readSharedPlan(documents, family._id);
    const goals = plan.goals.map((goal: PlanEntry) =>
      add({
        resourceType: 'Goal',
        lifecycleStatus: 'active',
        description: { text: goal.text || '—' },
        subject: patient,
      }),
    );
    add({
      resourceType: 'CarePlan',
      status: 'active',
      intent: 'plan',
      title: "Plan de soins et d'accompagnement",
      subject: patient,
      careTeam: [careTeam],
      goal: goals,
      ...(plan.needs.length
        ? { description: `Besoins : ${plan.needs.map((need) => need.text).join(' ; ')}` }
        : {}),
      activity: plan.actions.map((action) => ({
        detail: {
          status: activityStatus[action.status],
          description: action.what || '—',
          ...(action.dueDate ? { scheduledPeriod: { end: action.dueDate } } : {}),
          ...(action.owner ? { performer: [{ display: action.owner.name || action.owner.kind }] } : {}),
        },
      })),
    });
  }

  for (const consent of view.consents) {
    add({
      resourceType: 'Consent',
      status: consent.granted ? 'active' : 'inactive',
      scope: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }],
      },
      category: [
        {
          coding: [{ system: 'http://loinc.org', code: '59284-0' }],
          text: consentPurpose[consent.scope] ?? consent.scope,
        },
      ],
      patient,
      dateTime: consent.at,
      provision: { type: consent.granted ? 'permit' : 'deny' },
    });
  }

  const coordination = sections.coordination
    ? await FunctionAssignmentModel.find({ familyId: family._id, function: 'coordinator' })
        .sort({ start: 1 })
        .lean()
    : [];
  if (coordination.length) {
    const first = coordination[0]!;
    const current = coordination.find((assignment) => !assignment.endedAt);
    const people = await loadPeople(coordination.map((assignment) => assignment.professionalId));
    add({
      resourceType: 'EpisodeOfCare',
      status: current ? 'active' : 'finished',
      type: [{ text: 'Coordination des soins et de l’accompagnement (1000 premiers jours)' }],
      patient,
      period: {
        start: first.start.toISOString(),
        ...(current ? {} : { end: coordination.at(-1)!.endedAt!.toISOString() }),
      },
      ...(current?.professionalId
        ? { careManager: { display: people.get(String(current.professionalId))?.displayName ?? '—' } }
        : {}),
      team: [careTeam],
    });
  }
  return { resourceType: 'Bundle', type: 'collection', timestamp: new Date().toISOString(), entry: entries };
}
