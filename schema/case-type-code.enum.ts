import type { CaseTypeCode as CaseTypeCodeValue } from '../warehouse/published/figure-vocabulary.js';
import { DIMENSION_ENUMS } from './dimension-enums.js';

/** GraphQL enum of case types (`CaseTypeCode`), registered with the other dimension enums from the registry. */
export const CaseTypeCode = DIMENSION_ENUMS.CASE_TYPE as { [K in CaseTypeCodeValue]: K };
export type CaseTypeCode = CaseTypeCodeValue;
