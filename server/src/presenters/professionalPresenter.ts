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
    healthRole: user.healthRole ?? 'B',
    organisation: { id: String(user.organisationId), name: organisationName },
    ...(withAccount
      ? {
          email: user.email,
          active: user.active,
          accessManager: user.accessManager,
          ...(user.inamiNumber ? { inamiNumber: user.inamiNumber } : {}),
        }
      : {}),
  };
}
