import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { MemberData } from '@concerto/shared';

// DejaVu Sans covers Latin with every French and Turkish letter, and Arabic (fontkit shapes and orders it).
const require = createRequire(import.meta.url);
const regularFont = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const boldFont = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const roles: Record<string, string> = {
  pregnantPerson: 'Personne enceinte',
  secondParent: 'Second parent',
  chosenPerson: 'Personne de confiance',
  child: 'Enfant',
};
const consentScopes: Record<string, string> = {
  screening: 'Dépistage',
  teamSharing: "Partage au sein de l'équipe",
  concertation: 'Participation aux concertations',
};
const functions: Record<string, string> = {
  referent: 'Référent·e',
  coordinator: 'Coordination',
  caseManager: 'Case management',
};
// The indicators' French names, as the family's screens say them (client/src/i18n/fr.json, `indicator`).
const indicators: Record<string, string> = {
  countryOfBirth: 'Pays de naissance',
  education: "Niveau d'études",
  professionalStatus: 'Situation professionnelle',
  secondParentProfessionalStatus: 'Situation professionnelle du second parent',
  communication: 'Communication (langue)',
  income: 'Revenus',
  socialSupport: 'Soutien social',
  residenceStatus: 'Statut de séjour',
  housing: 'Logement',
  psychologicalWellbeing: 'Bien-être psychologique (anxiété, dépression)',
  substanceUse: 'Consommation de substances ou de médicaments',
  violence: 'Violence',
  medicalHistory: 'Antécédents médicaux',
  psychiatricHistory: 'Antécédents psychiatriques',
  obstetricHistory: 'Antécédents obstétricaux',
  disability: 'Handicap',
  geneticPredisposition: 'Prédisposition génétique',
  adoptionProject: "Projet d'adoption",
  obstetricSituation: 'Situation obstétricale particulière (grossesse non planifiée, déni, FIV…)',
  pregnancyAge: 'Âge (grossesse adolescente ou tardive)',
  newbornVulnerability: 'Vulnérabilité du nouveau-né (prématurité, petit poids, anomalie)',
};
const date = (value: string | null) => (value ? new Date(value).toLocaleDateString('fr-BE') : '—');

/**
 * The member's data as a readable PDF, in plain French, from the same filtered record as the JSON download
 * (nothing is read here): one section per kind of data, "nothing" where the file holds none about her.
 */
export function renderMemberDataPdf(data: MemberData): Promise<Buffer> {
  const document = new PDFDocument({ size: 'A4', margin: 50, info: { Title: 'Mes données — Concerto' } });
  document.registerFont('regular', regularFont);
  document.registerFont('bold', boldFont);
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => document.on('end', () => resolve(Buffer.concat(chunks))));

  const heading = (text: string) => document.moveDown(0.8).font('bold').fontSize(13).text(text).moveDown(0.2);
  const line = (text: string) => document.font('regular').fontSize(10.5).text(text, { paragraphGap: 2 });
  const list = (items: string[]) =>
    items.length ? items.forEach((item) => line(`• ${item}`)) : line('Rien.');

  document.font('bold').fontSize(18).text('Mes données dans Concerto');
  line(
    `Document créé le ${date(data.generatedAt)}. Il contient tout ce que le dossier garde sur vous et ce qui a été partagé avec vous.`,
  );

  heading('Vous');
  line(`Nom : ${data.me.displayName}`);
  line(`Rôle dans la famille : ${roles[data.me.role] ?? data.me.role}`);
  line(`Date de naissance : ${date(data.me.birthDate)}`);
  line(`Langue : ${data.me.preferredLanguage}${data.me.interpreterNeeded ? ' (avec interprète)' : ''}`);

  heading('Le dossier');
  line(`Nom du dossier : ${data.file.label}`);
  line(`Date prévue de naissance : ${date(data.file.dueDate)} · Naissance : ${date(data.file.birthDate)}`);
  if (data.file.closure)
    line(
      `${data.file.closure.kind === 'closed' ? 'Dossier clôturé' : 'Sortie du programme'} le ${date(data.file.closure.at)}`,
    );

  heading('Vos consentements');
  list(
    data.consents.map(
      (consent) =>
        `${consentScopes[consent.scope] ?? consent.scope} : ${consent.granted ? 'oui' : 'non'} (${date(consent.at)})`,
    ),
  );

  heading("L'équipe qui vous suit");
  list(
    data.team.map((person) =>
      [person.displayName, person.profession, person.organisationName].filter(Boolean).join(', '),
    ),
  );

  heading('Fonctions');
  list(
    data.functions.map(
      (held) =>
        `${functions[held.function] ?? held.function} : ${held.displayName}, du ${date(held.start)}${held.end ? ` au ${date(held.end)}` : ''}`,
    ),
  );

  heading('Informations partagées avec vous');
  list(
    data.sharedWithMe.map(
      (item) =>
        `${indicators[item.key] ?? item.key}${item.note ? ` : ${item.note}` : ''} (${date(item.recordedAt)})`,
    ),
  );

  if (data.assessments?.length) {
    heading('Évaluations partagées avec vous');
    list(
      data.assessments.map((assessment) =>
        [
          `${date(assessment.at)} — Besoins : ${assessment.needs}`,
          assessment.expectations && `Attentes : ${assessment.expectations}`,
          assessment.strengths && `Forces : ${assessment.strengths}`,
        ]
          .filter(Boolean)
          .join(' · '),
      ),
    );
  }

  heading("Plan d'accompagnement");
  if (!data.plan) line('Le plan ne vous est pas partagé.');
  else {
    line('Besoins :');
    list(data.plan.needs);
    line('Objectifs :');
    list(data.plan.goals);
    line('Actions :');
    list(
      data.plan.actions.map(
        (action) => `${action.what}${action.dueDate ? ` (pour le ${date(action.dueDate)})` : ''}`,
      ),
    );
  }

  heading('Réunions (concertations)');
  list(data.concertations.map((meeting) => date(meeting.scheduledAt)));

  heading('Décisions');
  list(
    data.decisions.map(
      (decision) =>
        `${decision.what} (${date(decision.recordedAt ?? decision.proposedAt)})${decision.myPosition?.words ? ` — votre avis : ${decision.myPosition.words}` : ''}`,
    ),
  );

  heading('Orientations vers des services');
  list(data.referrals.map((referral) => `${referral.service} (${date(referral.at)})`));

  heading('Vos demandes de correction ou d’effacement');
  list(data.requests.map((request) => `${date(request.at)} : ${request.text}`));

  document.end();
  return done;
}
