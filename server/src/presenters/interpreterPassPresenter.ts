import type { InterpreterPass } from '@concerto/shared';
import type { GuestPassDocument } from '../models/guestPass.ts';
import { loadPeople, personRef } from './people.ts';

/** Formats a meeting's interpreter passes for those who run it: who, which language, by whom, and their state. */
export async function presentInterpreterPasses(passes: GuestPassDocument[]): Promise<InterpreterPass[]> {
  const people = await loadPeople(passes.map((pass) => pass.createdBy));
  return passes.map((pass) => ({
    id: String(pass._id),
    name: pass.name,
    language: pass.language,
    organisation: pass.organisation ?? null,
    invitedBy: personRef(people, pass.createdBy).displayName,
    createdAt: pass.createdAt.toISOString(),
    expiresAt: pass.expiresAt.toISOString(),
    redeemedAt: pass.redeemedAt?.toISOString() ?? null,
    revokedAt: pass.revokedAt?.toISOString() ?? null,
  }));
}
