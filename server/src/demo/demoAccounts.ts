/** The password of every demo account (listed in the README; demo data is never loaded in production). */
export const demoPassword = 'concerto-demo';

/** Demo organisations of a Brussels perinatal network, with the bassin each works in. */
export const demoOrganisations = [
  { key: 'hospital', name: 'CHU Saint-Pierre — Maternité', kind: 'hospital', bassin: 'bruxellesCentreOuest' },
  { key: 'medicalHouse', name: 'Maison médicale du Nord', kind: 'medicalHouse', bassin: 'bruxellesNord' },
  { key: 'cpas', name: 'CPAS de Schaerbeek', kind: 'cpas', bassin: 'bruxellesNord' },
  { key: 'one', name: 'ONE — Bruxelles', kind: 'one', bassin: 'bruxellesNord' },
  {
    key: 'mentalHealth',
    name: 'Équipe mobile périnatale 107',
    kind: 'mentalHealthTeam',
    bassin: 'bruxellesNord',
  },
] as const;

/** Demo professionals of both health roles; Sophie Lambert is also her hospital's access manager. */
export const demoProfessionals = [
  {
    key: 'midwife',
    displayName: 'Sophie Lambert',
    email: 'sophie.lambert@concerto.demo',
    profession: 'Sage-femme',
    healthRole: 'A',
    // Fictional, with a valid check number (Role A needs one).
    inamiNumber: '41234502002',
    organisation: 'hospital',
    accessManager: true,
  },
  {
    key: 'gp',
    displayName: 'Dr Marc Dubois',
    email: 'marc.dubois@concerto.demo',
    profession: 'Médecin généraliste',
    healthRole: 'A',
    // Fictional, with a valid check number (Role A needs one).
    inamiNumber: '11223393004',
    organisation: 'medicalHouse',
    accessManager: false,
  },
  {
    key: 'socialWorker',
    displayName: 'Nadia El Amrani',
    email: 'nadia.elamrani@concerto.demo',
    profession: 'Assistante sociale',
    healthRole: 'B',
    organisation: 'cpas',
    accessManager: true,
  },
  {
    key: 'peps',
    displayName: 'Lotte Peeters',
    email: 'lotte.peeters@concerto.demo',
    profession: "PEP's (Partenaire Enfants-Parents)",
    healthRole: 'B',
    organisation: 'one',
    accessManager: false,
  },
  {
    key: 'psychologist',
    displayName: 'Claire Martin',
    email: 'claire.martin@concerto.demo',
    profession: 'Psychologue périnatale',
    healthRole: 'A',
    // Fictional, with a valid check number (Role A needs one).
    inamiNumber: '91234537000',
    organisation: 'mentalHealth',
    accessManager: false,
  },
] as const;

/** The demo platform admin. */
export const demoAdminEmail = 'admin@concerto.demo';
