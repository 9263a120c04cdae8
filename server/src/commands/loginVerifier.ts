import { UserModel, type UserDocument } from '../models/user.ts';
import { RateLimiter } from '../auth/rateLimiter.ts';
import { decoyPasswordHash, verifyPassword } from '../auth/passwords.ts';
import { HttpError } from '../http/errors.ts';

const attemptsPerAddress = new RateLimiter(30, 15 * 60 * 1000);
const failuresPerAccount = new RateLimiter(5, 15 * 60 * 1000);

const invalidCredentials = () => new HttpError(401, 'invalid_credentials', 'Email or password is incorrect.');
const rateLimited = () =>
  new HttpError(429, 'rate_limited', 'Too many attempts. Wait a few minutes and try again.');

/**
 * Checks an email and password. Unknown email and wrong password get the same error after the same
 * work; attempts are limited per IP address and failures per account.
 */
export async function verifyLogin(email: string, password: string, address: string): Promise<UserDocument> {
  if (attemptsPerAddress.isLimited(address) || failuresPerAccount.isLimited(email)) throw rateLimited();
  attemptsPerAddress.hit(address);
  const user = await UserModel.findOne({ email }).lean();
  const valid = await verifyPassword(password, user?.passwordHash ?? decoyPasswordHash);
  if (!user || !valid || !user.active) {
    failuresPerAccount.hit(email);
    throw invalidCredentials();
  }
  failuresPerAccount.reset(email);
  return user;
}
