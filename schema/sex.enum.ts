import type { SexCode } from '../warehouse/published/figure-vocabulary.js';
import { DIMENSION_ENUMS } from './dimension-enums.js';

/** GraphQL enum of sex (`Sex`), registered with the other dimension enums from the registry; values are the stored codes. */
export const Sex = DIMENSION_ENUMS.SEX as { FEMALE: 'female'; MALE: 'male' };
export type Sex = SexCode;
