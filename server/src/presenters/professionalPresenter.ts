import { healthRoleOf, isAccessManager } from '@concerto/shared';
import type { Professional } from '@concerto/shared';
import type { UserDocument } from '../models/user.ts';

/** A professional as colleagues see them; `withAccount` adds what their access manager manages. */
export function presentProfessional(
  user: UserDocument,
  organisationName: string,
  withAccount: boolean,
): Professional {
  return {
    id: String(user._id),
    displayName: user.displayName,
    profession: user.profession ?? '',
    healthRole: healthRoleOf(user),
    organisation: { id: String(user.organisationId), name: organisationName },
    ...(withAccount
      ? {
          email: user.email,
          active: user.active,
          accessManager: isAccessManager(user),
          ...(user.inamiNumber ? { inamiNumber: user.inamiNumber } : {}),
        }
      : {}),
  };
}
