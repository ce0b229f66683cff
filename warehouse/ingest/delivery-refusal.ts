/** Why a whole delivery is refused (nothing of it is applied); row-level faults are rejects instead (reject-kinds.ts). */
export const REFUSAL_CODES = [
  'MANIFEST',
  'SCHEMA',
  'MISSING_FILE',
  'BYTE_COUNT',
  'CHECKSUM',
  'EXTRACT_ORDER',
  'EXTRACT_CONFLICT',
  'EMPTY_FILE',
  'ENCODING',
  'HEADER',
  'STRUCTURE',
  'ROW_COUNT',
  'REJECT_THRESHOLD',
  'ROW_COUNT_SWING',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface RefusalPlace {
  /** The file (resource path) or `datapackage.json`. */
  file?: string;
  line?: number;
  field?: string;
}

export class DeliveryRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly place: RefusalPlace = {},
  ) {
    const where = [place.file, place.line !== undefined ? `line ${place.line}` : undefined, place.field ? `field ${place.field}` : undefined]
      .filter(Boolean)
      .join(', ');
    super(where ? `${where}: ${message}` : message);
    this.name = 'DeliveryRefusal';
  }
}
