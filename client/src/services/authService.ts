import type { IdentityProviderChoice, Me, SignInChallenge } from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';

/**
 * Signs a professional or the admin in: the server sets the session cookie, or answers a challenge when
 * a second factor must follow the password.
 */
export function login(email: string, password: string): Promise<Me | SignInChallenge> {
  return sendJson<Me | SignInChallenge>('POST', '/auth/login', { email, password });
}

/** Organisations whose staff sign in with an identity provider (those of the email's domain when given). */
export function listIdentityProviders(email?: string): Promise<IdentityProviderChoice[]> {
  const query = email ? `?email=${encodeURIComponent(email)}` : '';
  return apiRequest<IdentityProviderChoice[]>(`/auth/identity-providers${query}`);
}

/** Ends the session on the server. */
export function logout(): Promise<void> {
  return sendJson<void>('POST', '/auth/logout');
}

/** Who is signed in; throws ApiError 401 `unauthenticated` without a session. */
export function fetchMe(): Promise<Me> {
  return apiRequest<Me>('/me');
}

/** Opens a family member's session from the invitation link's token and the 6-digit code. */
export function redeemInvitation(token: string, code: string): Promise<Me> {
  return sendJson<Me>('POST', '/invitations/redeem', { token, code });
}

/** Changes the signed-in professional's password; their other sessions end. */
export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return sendJson<void>('POST', '/me/password', { currentPassword, newPassword });
}

/** Chooses a new password with the single-use token of a reset link. */
export function resetPassword(token: string, newPassword: string): Promise<void> {
  return sendJson<void>('POST', '/auth/password-reset', { token, newPassword });
}
