import {
  healthRoleChangesFor,
  healthRoleOf,
  isAccessManager,
  type AccountOrganisation,
  type Actor,
  type Professional,
} from '@concerto/shared';
import { versionOf } from '../http/versions.ts';
import type { UserDocument } from '../models/user.ts';

/** Who manages the account, to say which role changes the policy lets them make. */
export interface AccountManager {
  actor: Actor;
  organisation: AccountOrganisation;
}

/** A professional as colleagues see them; `manager` adds what their access manager manages. */
export function presentProfessional(
  user: UserDocument,
  organisationName: string,
  manager: AccountManager | null,
): Professional {
  return {
    id: String(user._id),
    displayName: user.displayName,
    profession: user.profession ?? '',
    healthRole: healthRoleOf(user),
    organisation: { id: String(user.organisationId), name: organisationName },
    ...(manager
      ? {
          email: user.email,
          active: user.active,
          accessManager: isAccessManager(user),
          ...(user.inamiNumber ? { inamiNumber: user.inamiNumber } : {}),
          healthRoleChanges: healthRoleChangesFor(
            manager.actor,
            {
              id: String(user._id),
              healthRole: healthRoleOf(user),
              organisationId: String(user.organisationId),
            },
            manager.organisation,
          ),
          version: versionOf(user.lastChange),
        }
      : {}),
  };
}
