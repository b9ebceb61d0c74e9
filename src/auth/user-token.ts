import { webcrypto } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

/** The claims Confab reads from a user token. */
export interface UserTokenClaims {
  /** The user's id in the host application (stored as `foreignId`). */
  sub: string;
  /** Expiry, in seconds since the epoch. */
  exp: number;
  name?: string;
  username?: string;
  avatar?: string;
}

const encoder = new TextEncoder();

// Importing an HMAC key into WebCrypto costs more than the verification itself; secrets are few
// (one per project), so each is imported once.
const keys = new Map<string, Promise<webcrypto.CryptoKey>>();

function hmacKey(secret: string): Promise<webcrypto.CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = webcrypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'verify',
    ]);
    keys.set(secret, key);
  }
  return key;
}

/**
 * Verifies a user token: HS256 only (`none` and every other algorithm are refused), signed with
 * the project's secret, with `exp` and `sub` present. Returns null for any invalid token.
 */
export async function verifyUserToken(token: string, secret: string): Promise<UserTokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, await hmacKey(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
      clockTolerance: 5,
    });
    const sub = optionalString(payload.sub, 255);
    if (!sub || typeof payload.exp !== 'number') return null;
    return {
      sub,
      exp: payload.exp,
      name: optionalString(payload.name, 255),
      username: optionalString(payload.username, 255),
      avatar: optionalString(payload.avatar, 2048),
    };
  } catch {
    return null;
  }
}

/** Signs a user token for the host application's user `claims.sub`, valid for `ttlSeconds`. */
export function signUserToken(
  secret: string,
  claims: Omit<UserTokenClaims, 'exp'>,
  ttlSeconds = 3600,
): Promise<string> {
  const { sub, ...profile } = claims;
  return new SignJWT(profile)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(encoder.encode(secret));
}

/** A claim Confab can store: a string of at most `maxLength`, without NUL (PostgreSQL refuses it). */
function optionalString(value: unknown, maxLength: number): string | undefined {
  return typeof value === 'string' && value.length <= maxLength && !value.includes('\u0000') ? value : undefined;
}
