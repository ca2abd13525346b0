import { hash, verify } from '@node-rs/argon2';

/**
 * Staff passwords: argon2id (the library's default algorithm) with its
 * default cost (19 MiB, 2 passes, OWASP's minimum), the salt and parameters
 * inside the PHC string, so raising the cost later still verifies old hashes.
 */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A hash this library cannot read matches nothing.
    return false;
  }
}

/** Verified against when the e-mail is unknown, so a wrong address takes as long as a wrong password. */
export const DECOY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$u1gPjjgOFNIU7f7P8RBQbQ$Y+ORy2H8LOV/8P3SmpZV0O4I+q0+6Ziu5o5xjf19FvM';
