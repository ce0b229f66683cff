import { createHmac } from 'node:crypto';

/**
 * A login's password derived from a secret every instance shares (HMAC-SHA256 of the role name): each instance that
 * starts computes the same password, so re-applying it to the role locks out no instance started earlier.
 */
export function derivedPassword(secret: string, role: string): string {
  return createHmac('sha256', secret).update(`migration-warehouse login ${role}`).digest('base64url');
}

/** The password of a connection string, when it has one: the owner's credentials are a secret its instances share. */
export function passwordOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
