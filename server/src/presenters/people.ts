import { healthRoleOf } from '@concerto/shared';
import mongoose from 'mongoose';
import { OrganisationModel } from '../models/organisation.ts';
import { UserModel } from '../models/user.ts';

/** A professional as shown inside a family file. */
export interface PersonCard {
  id: string;
  displayName: string;
  profession: string;
  healthRole: 'A' | 'B';
  organisationName: string;
}

/** Loads the professionals referenced by a file in two queries, keyed by id. */
export async function loadPeople(ids: Iterable<unknown>): Promise<Map<string, PersonCard>> {
  const unique = [...new Set([...ids].filter(Boolean).map(String))].filter((id) =>
    mongoose.isValidObjectId(id),
  );
  if (unique.length === 0) return new Map();
  const users = await UserModel.find(
    { _id: mongoose.trusted({ $in: unique }) },
    { displayName: 1, profession: 1, healthRole: 1, organisationId: 1 },
  ).lean();
  const organisationIds = users.map((user) => user.organisationId).filter(Boolean);
  const organisations = await OrganisationModel.find(
    { _id: mongoose.trusted({ $in: organisationIds }) },
    { name: 1 },
  ).lean();
  const organisationNames = new Map(
    organisations.map((organisation) => [String(organisation._id), organisation.name]),
  );
  return new Map(
    users.map((user) => [
      String(user._id),
      {
        id: String(user._id),
        displayName: user.displayName,
        profession: user.profession ?? '',
        healthRole: healthRoleOf(user),
        organisationName: organisationNames.get(String(user.organisationId)) ?? '',
      },
    ]),
  );
}

/** How a professional hidden from the caller is named everywhere: no one (no name, no id). */
const noOne: PersonCard = { id: '', displayName: '', profession: '', healthRole: 'B', organisationName: '' };

/**
 * Loads the professionals a family's records name, as this caller may see them: one hidden from her (a
 * member kept away from a violence-support worker) is never loaded and is named as no one.
 */
export async function loadPeopleFor(
  hidden: ReadonlySet<string>,
  ids: Iterable<unknown>,
): Promise<Map<string, PersonCard>> {
  const people = await loadPeople([...ids].filter((id) => !hidden.has(String(id))));
  for (const id of hidden) people.set(id, noOne);
  return people;
}

/** A short reference to a person for histories, falling back when an account no longer exists. */
export function personRef(people: Map<string, PersonCard>, id: unknown): { id: string; displayName: string } {
  const person = people.get(String(id));
  return { id: person ? person.id : String(id ?? ''), displayName: person?.displayName ?? '—' };
}
