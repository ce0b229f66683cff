/** A semantic version (major.minor.patch), as the changelog and releases/ name them. */
export interface SemanticVersion {
  major: number;
  minor: number;
  patch: number;
  text: string;
}

const PATTERN = /^(\d+)\.(\d+)\.(\d+)$/;

export function parseVersion(text: string): SemanticVersion | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), text: text.trim() };
}

/** Negative when a is older than b, 0 when equal, positive when newer. */
export function compareVersions(a: SemanticVersion, b: SemanticVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}
