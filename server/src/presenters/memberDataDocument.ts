import type { MemberData } from '@concerto/shared';
import { withDate, type MemberDataLabels } from '../interop/memberDataLabels.ts';

/** One block of the member's data document, in reading order. */
export interface DocumentBlock {
  kind: 'title' | 'heading' | 'line';
  text: string;
}

/**
 * The member's data as the blocks of a readable document in her language: one section per kind of data,
 * "nothing" where the file holds none about her. It formats only: the record was filtered when read.
 */
export function memberDataDocument(data: MemberData, labels: MemberDataLabels): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  // Without the invisible direction marks some locales add: the PDF orders its runs itself.
  const date = (value: string | null) =>
    value
      ? new Date(value)
          .toLocaleDateString(labels.locale, { timeZone: 'Europe/Brussels' })
          .replace(/[\u200e\u200f\u061c]/g, '')
      : '—';
  const heading = (text: string) => blocks.push({ kind: 'heading', text });
  const line = (text: string) => blocks.push({ kind: 'line', text });
  const field = (label: string, value: string) => line(`${label}${labels.colon}${value}`);
  const list = (items: string[]) =>
    items.length ? items.forEach((item) => line(`• ${item}`)) : line(labels.nothing);
  const named = (names: Record<string, string> | undefined, key: string) => names?.[key] ?? key;

  blocks.push({ kind: 'title', text: labels.title });
  line(withDate(labels.intro, date(data.generatedAt)));

  heading(labels.you);
  field(labels.name, data.me.displayName);
  field(labels.roleInFamily, named(labels.roles, data.me.role));
  field(labels.birthDate, date(data.me.birthDate));
  field(
    labels.language,
    `${data.me.preferredLanguage}${data.me.interpreterNeeded ? ` ${labels.withInterpreter}` : ''}`,
  );

  heading(labels.file);
  field(labels.fileLabel, data.file.label);
  line(
    `${labels.dueDate}${labels.colon}${date(data.file.dueDate)} · ${labels.birth}${labels.colon}${date(data.file.birthDate)}`,
  );
  if (data.file.closure)
    line(
      withDate(data.file.closure.kind === 'closed' ? labels.closed : labels.left, date(data.file.closure.at)),
    );

  heading(labels.consents);
  list(
    data.consents.map(
      (consent) =>
        `${named(labels.consentScopes, consent.scope)}${labels.colon}${consent.granted ? labels.yes : labels.no} (${date(consent.at)})`,
    ),
  );

  heading(labels.team);
  list(
    data.team.map((person) =>
      [person.displayName, person.profession, person.organisationName].filter(Boolean).join(', '),
    ),
  );

  heading(labels.functions);
  list(
    data.functions.map((held) => {
      const period = [
        withDate(labels.since, date(held.start)),
        held.end ? withDate(labels.until, date(held.end)) : '',
      ]
        .filter(Boolean)
        .join(' ');
      return `${named(labels.functionNames, held.function)}${labels.colon}${held.displayName}, ${period}`;
    }),
  );

  heading(labels.sharedWithMe);
  list(
    data.sharedWithMe.map(
      (item) =>
        `${named(labels.indicators, item.key)}${item.note ? `${labels.colon}${item.note}` : ''} (${date(item.recordedAt)})`,
    ),
  );

  if (data.assessments?.length) {
    heading(labels.assessments);
    list(
      data.assessments.map((assessment) =>
        [
          `${date(assessment.at)} — ${labels.assessmentNeeds}${labels.colon}${assessment.needs}`,
          assessment.expectations && `${labels.expectations}${labels.colon}${assessment.expectations}`,
          assessment.strengths && `${labels.strengths}${labels.colon}${assessment.strengths}`,
        ]
          .filter(Boolean)
          .join(' · '),
      ),
    );
  }

  heading(labels.plan);
  if (!data.plan) line(labels.planNotShared);
  else {
    line(`${labels.needs}${labels.colon.trimEnd()}`);
    list(data.plan.needs);
    line(`${labels.goals}${labels.colon.trimEnd()}`);
    list(data.plan.goals);
    line(`${labels.actions}${labels.colon.trimEnd()}`);
    list(
      data.plan.actions.map(
        (action) =>
          `${action.what}${action.dueDate ? ` ${withDate(labels.dueBy, date(action.dueDate))}` : ''}`,
      ),
    );
  }

  heading(labels.concertations);
  list(data.concertations.map((meeting) => date(meeting.scheduledAt)));

  heading(labels.decisions);
  list(
    data.decisions.map(
      (decision) =>
        `${decision.what} (${date(decision.recordedAt ?? decision.proposedAt)})${decision.myPosition?.words ? ` — ${labels.yourOpinion}${labels.colon}${decision.myPosition.words}` : ''}`,
    ),
  );

  heading(labels.referrals);
  list(data.referrals.map((referral) => `${referral.service} (${date(referral.at)})`));

  heading(labels.requests);
  list(data.requests.map((request) => `${date(request.at)}${labels.colon}${request.text}`));
  return blocks;
}
