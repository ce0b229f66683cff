/** Apollo's convention: the app names itself and its version in these request headers. */
export const CLIENT_NAME_HEADER = 'apollographql-client-name';
export const CLIENT_VERSION_HEADER = 'apollographql-client-version';

/** Label of a client that is not registered, or of a version beyond the bound. */
export const OTHER = 'other';

/** Distinct versions kept per registered client as labels; later ones count as "other". */
const MAX_VERSIONS_PER_CLIENT = 20;
const VERSION = /^[\w.+-]{1,32}$/;

export interface ClientIdentity {
  name: string;
  version: string;
}

/**
 * The client of a request as log field and metric label, with bounded cardinality: a name that is not registered
 * (clients/) becomes "other", and so does a version of unusual form or beyond the first 20 a client was seen with.
 */
export function clientIdentifier(registered: ReadonlySet<string>): (name: string | undefined, version: string | undefined) => ClientIdentity {
  const versionsSeen = new Map<string, Set<string>>();
  return (name, version) => {
    if (name === undefined || !registered.has(name)) return { name: OTHER, version: OTHER };
    if (version === undefined || !VERSION.test(version)) return { name, version: OTHER };
    let seen = versionsSeen.get(name);
    if (!seen) versionsSeen.set(name, (seen = new Set()));
    if (!seen.has(version)) {
      if (seen.size >= MAX_VERSIONS_PER_CLIENT) return { name, version: OTHER };
      seen.add(version);
    }
    return { name, version };
  };
}
