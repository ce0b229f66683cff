import type { CaseTypeRecord } from '../database/tables.js';

/**
 * Case types (ärendeslag). `statutory_limit_days` is the processing limit the annual report (000) measures each type
 * against, as its tables print it: asylum "Andel avgjorda inom 180 dagar" (line 1876), temporary protection 180
 * (line 2475), family ties 180 for extensions (line 2693; first-time cases 270, see segment-limits.ts), work permits
 * "inom 120" (line 2820), studies "inom 90" (line 3088), citizenship "inom 180 dagar" (line 3393). Null where the
 * report measures none.
 */
export const CASE_TYPES: readonly CaseTypeRecord[] = [
  { code: 'ASYLUM', name_sv: 'Asyl', name_en: 'Asylum', statutory_limit_days: 180 },
  { code: 'TEMPORARY_PROTECTION', name_sv: 'Tillfälligt skydd (massflyktsdirektivet)', name_en: 'Temporary protection', statutory_limit_days: 180 },
  { code: 'FAMILY', name_sv: 'Anknytning', name_en: 'Family ties', statutory_limit_days: 180 },
  { code: 'WORK', name_sv: 'Arbetsmarknad', name_en: 'Work permits', statutory_limit_days: 120 },
  { code: 'EEA', name_sv: 'EES', name_en: 'EEA right of residence', statutory_limit_days: null },
  { code: 'STUDY', name_sv: 'Studerande', name_en: 'Studies', statutory_limit_days: 90 },
  { code: 'VISA', name_sv: 'Visering', name_en: 'Visas', statutory_limit_days: null },
  { code: 'VISIT', name_sv: 'Besök', name_en: 'Visits', statutory_limit_days: null },
  { code: 'CITIZENSHIP', name_sv: 'Medborgarskap', name_en: 'Citizenship', statutory_limit_days: 180 },
  { code: 'ENFORCEMENT_IMPEDIMENT', name_sv: 'Verkställighetshinder', name_en: 'Impediment to enforcement', statutory_limit_days: null },
  {
    code: 'STATE_COMPENSATION',
    name_sv: 'Statlig ersättning',
    name_en: 'State compensation to municipalities and regions',
    statutory_limit_days: null,
  },
  { code: 'REVOCATION', name_sv: 'Återkallelse', name_en: 'Revocation', statutory_limit_days: null },
  { code: 'REMIGRATION', name_sv: 'Återvandring', name_en: 'Remigration grants', statutory_limit_days: null },
  { code: 'RESETTLEMENT', name_sv: 'Vidarebosättning', name_en: 'Resettlement', statutory_limit_days: null },
  { code: 'RETURN', name_sv: 'Återvändande', name_en: 'Return', statutory_limit_days: null },
  { code: 'DETENTION', name_sv: 'Förvar', name_en: 'Detention', statutory_limit_days: null },
  { code: 'RECEPTION', name_sv: 'Mottagning', name_en: 'Reception', statutory_limit_days: null },
  { code: 'PASSPORT', name_sv: 'Pass och resedokument', name_en: 'Passports and travel documents', statutory_limit_days: null },
  { code: 'OTHER', name_sv: 'Övrigt', name_en: 'Other', statutory_limit_days: null },
];
