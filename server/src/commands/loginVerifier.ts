import { UserModel, type UserDocument } from '../models/user.ts';
import { decoyPasswordHash, verifyPassword } from '../auth/passwords.ts';
import { signInStores, SignInThrottle } from '../auth/signInThrottle.ts';
import { HttpError } from '../http/errors.ts';

const throttle = new SignInThrottle(signInStores('sign-in'));

const invalidCredentials = () => new HttpError(401, 'invalid_credentials', 'Email or password is incorrect.');

/**
 * Checks an email and password. Unknown email and wrong password get the same error after the same
 * work; only failures count, per address and per account from that address (growing waits, no lock).
 */
export async function verifyLogin(email: string, password: string, address: string): Promise<UserDocument> {
  await throttle.check(email, address);
  const user = await UserModel.findOne({ email }).lean();
  const valid = await verifyPassword(password, user?.passwordHash ?? decoyPasswordHash);
  if (!user || !valid || !user.active) {
    await throttle.failed(email, address);
    throw invalidCredentials();
  }
  await throttle.succeeded(email, address);
  return user;
}
