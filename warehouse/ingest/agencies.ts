/**
 * The agencies that deliver case data, declared once: their resources in load order (a resource that others refer
 * to comes first) and the thresholds over which a whole delivery is refused. The Table Schemas of the resources live
 * in `schemas/<agency>/<resource>.v<version>.json`, their code maps in `code-maps/<agency>/<field>.csv`.
 */
export const AGENCY_CODES = ['migrationsverket', 'polismyndigheten', 'kriminalvarden'] as const;
export type AgencyCode = (typeof AGENCY_CODES)[number];

export interface AgencyDefinition {
  code: AgencyCode;
  name: string;
  nameSv: string;
  /** Resources a delivery of this agency may hold, in the order they are validated and applied. */
  resources: readonly string[];
  /** Resources every full delivery must hold. */
  requiredInFull: readonly string[];
  /** The current version of each resource's Table Schema. */
  schemaVersion: number;
  /** Over this share of rejected rows (all resources together), the delivery is refused. */
  maxRejectedShare: number;
  /** A full delivery whose rows differ from the previous full one by more than this share is refused. */
  maxFullSwing: number;
}

export const AGENCIES: Record<AgencyCode, AgencyDefinition> = {
  migrationsverket: {
    code: 'migrationsverket',
    name: 'Swedish Migration Agency',
    nameSv: 'Migrationsverket',
    resources: ['cases', 'events'],
    requiredInFull: ['cases', 'events'],
    schemaVersion: 1,
    maxRejectedShare: 0.05,
    maxFullSwing: 0.25,
  },
  polismyndigheten: {
    code: 'polismyndigheten',
    name: 'Swedish Police Authority',
    nameSv: 'Polismyndigheten',
    resources: ['cases', 'events'],
    requiredInFull: ['cases', 'events'],
    schemaVersion: 1,
    maxRejectedShare: 0.05,
    maxFullSwing: 0.25,
  },
  kriminalvarden: {
    code: 'kriminalvarden',
    name: 'Swedish Prison and Probation Service',
    nameSv: 'Kriminalvården',
    resources: ['transports'],
    requiredInFull: ['transports'],
    schemaVersion: 1,
    maxRejectedShare: 0.05,
    maxFullSwing: 0.25,
  },
};

export function isAgencyCode(value: unknown): value is AgencyCode {
  return typeof value === 'string' && (AGENCY_CODES as readonly string[]).includes(value);
}
