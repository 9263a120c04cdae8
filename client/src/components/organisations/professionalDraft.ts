import type { CreateProfessionalRequest } from '../../types/contract.ts';

/** A professional account as typed in the form (strings, before cleaning). */
export interface ProfessionalDraft {
  displayName: string;
  email: string;
  password: string;
  profession: string;
  healthRole: 'A' | 'B';
  inamiNumber: string;
  accessManager: boolean;
}

/** An empty professional account form. */
export function blankProfessionalDraft(): ProfessionalDraft {
  return {
    displayName: '',
    email: '',
    password: '',
    profession: '',
    healthRole: 'A',
    inamiNumber: '',
    accessManager: false,
  };
}

/** The request body for a draft: the optional INAMI number is left out when empty. */
export function professionalRequest(draft: ProfessionalDraft): CreateProfessionalRequest {
  const { inamiNumber, ...rest } = draft;
  const digits = inamiNumber.replace(/[\s./-]/g, '');
  return digits ? { ...rest, inamiNumber: digits } : rest;
}
