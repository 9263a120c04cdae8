/**
 * Where an invitation leads once redeemed, e.g. the concertation it was sent for: one of our own pages,
 * never another site's address.
 */
export function invitationNext(target: unknown): string | null {
  return typeof target === 'string' && /^\/(concertations|families)\/[a-f0-9]{24}$/.test(target)
    ? target
    : null;
}
