/**
 * Record keys for the cell key method (docs/disclosure-control.md): every case carries a fixed random integer, uniform
 * in [0, 2^31), drawn once by ingestion when it first sees the case and kept in ingest.case_key
 * (warehouse/ingest/unified-cases-sql.ts). Keys are integers so that their sums are exact and independent of
 * summation order (a float sum could differ between the rollups and the base facts); cell keys are such sums mod 2^31.
 */
export const RECORD_KEY_MODULUS = 2 ** 31;
