/** One person of the informal network as typed in the assessment form. */
export interface InformalRow {
  name: string;
  relation: string;
  support: string;
}

/** One professional of the formal network as typed (with `professionalId` when chosen from the team). */
export interface FormalRow {
  name: string;
  role: string;
  organisation: string;
  phone: string;
  professionalId?: string;
  referent: boolean;
}
