/**
 * The contact log's vocabulary (seed 004: the home visit is « essentielle », L411, and its time « doit être
 * reconnu », L853; accompanying the family physically is part of the work, L807). The network figures
 * count contacts by these kinds: `homeVisit` is the home visit.
 */
export const contactKinds = [
  'homeVisit',
  'consultation',
  'phone',
  'video',
  'accompaniment',
  'meeting',
  'other',
] as const;
/** One kind of contact with the family. */
export type ContactKind = (typeof contactKinds)[number];

/**
 * Where a contact took place, as a category (never an address: exports to funders and managers carry it).
 * Anything more precise belongs in the note, which stays in the file.
 */
export const contactPlaces = ['home', 'practice', 'hospital', 'remote', 'elsewhere'] as const;
/** One kind of place. */
export type ContactPlace = (typeof contactPlaces)[number];

/** The place a contact of this kind usually has, offered first in the form. */
export const usualPlace: Record<ContactKind, ContactPlace> = {
  homeVisit: 'home',
  consultation: 'practice',
  phone: 'remote',
  video: 'remote',
  accompaniment: 'elsewhere',
  meeting: 'practice',
  other: 'elsewhere',
};

/** Bounds of one contact record. */
export const contactLimits = {
  /** Twelve hours: a day of accompaniment, no more. */
  maxDurationMinutes: 720,
  maxParticipants: 20,
  maxOthers: 10,
  maxNote: 500,
} as const;
