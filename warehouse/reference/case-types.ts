import type { CaseTypeRecord } from '../database/tables.js';

/**
 * Case types (ärendeslag). Statutory limits are those the annual report measures against: asylum decisions
 * within six months (180 days, "andel avgjorda inom 180 dagar", Tabell 6.2); the other permit types are measured
 * against the four-month (120-day) limit in the regulation letter where the report states one; null where none is
 * printed.
 */
export const CASE_TYPES: readonly CaseTypeRecord[] = [
  { code: 'ASYLUM', name_sv: 'Asyl', name_en: 'Asylum', statutory_limit_days: 180 },
  { code: 'TEMPORARY_PROTECTION', name_sv: 'Tillfälligt skydd (massflyktsdirektivet)', name_en: 'Temporary protection', statutory_limit_days: null },
  { code: 'FAMILY', name_sv: 'Anknytning', name_en: 'Family ties', statutory_limit_days: null },
  { code: 'WORK', name_sv: 'Arbetsmarknad', name_en: 'Work permits', statutory_limit_days: 120 },
  { code: 'EEA', name_sv: 'EES', name_en: 'EEA right of residence', statutory_limit_days: null },
  { code: 'STUDY', name_sv: 'Studerande', name_en: 'Studies', statutory_limit_days: null },
  { code: 'VISA', name_sv: 'Visering', name_en: 'Visas', statutory_limit_days: 15 },
  { code: 'VISIT', name_sv: 'Besök', name_en: 'Visits', statutory_limit_days: null },
  { code: 'CITIZENSHIP', name_sv: 'Medborgarskap', name_en: 'Citizenship', statutory_limit_days: null },
  { code: 'ENFORCEMENT_IMPEDIMENT', name_sv: 'Verkställighetshinder', name_en: 'Impediment to enforcement', statutory_limit_days: null },
  { code: 'STATE_COMPENSATION', name_sv: 'Statlig ersättning', name_en: 'State compensation to municipalities and regions', statutory_limit_days: null },
  { code: 'REVOCATION', name_sv: 'Återkallelse', name_en: 'Revocation', statutory_limit_days: null },
  { code: 'REMIGRATION', name_sv: 'Återvandring', name_en: 'Remigration grants', statutory_limit_days: null },
  { code: 'RESETTLEMENT', name_sv: 'Vidarebosättning', name_en: 'Resettlement', statutory_limit_days: null },
  { code: 'RETURN', name_sv: 'Återvändande', name_en: 'Return', statutory_limit_days: null },
  { code: 'DETENTION', name_sv: 'Förvar', name_en: 'Detention', statutory_limit_days: null },
  { code: 'RECEPTION', name_sv: 'Mottagning', name_en: 'Reception', statutory_limit_days: null },
  { code: 'PASSPORT', name_sv: 'Pass och resedokument', name_en: 'Passports and travel documents', statutory_limit_days: null },
  { code: 'OTHER', name_sv: 'Övrigt', name_en: 'Other', statutory_limit_days: null },
];
