import type { AppropriationRecord, CodeNameRecord } from '../database/tables.js';

/** Names of the small dimensions. Codes found in curated files but missing here are added with the code as name. */
export const SEXES: readonly CodeNameRecord[] = [
  { code: 'female', name_sv: 'Kvinnor', name_en: 'Women' },
  { code: 'male', name_sv: 'Män', name_en: 'Men' },
];

export const REGIONS: readonly CodeNameRecord[] = [
  { code: 'nord', name_sv: 'Region Nord', name_en: 'North' },
  { code: 'syd', name_sv: 'Region Syd', name_en: 'South' },
  { code: 'vast', name_sv: 'Region Väst', name_en: 'West' },
  { code: 'ost', name_sv: 'Region Öst', name_en: 'East' },
  { code: 'mitt', name_sv: 'Region Mitt', name_en: 'Central' },
  { code: 'stockholm', name_sv: 'Region Stockholm', name_en: 'Stockholm' },
];

export const AGENCIES: readonly CodeNameRecord[] = [
  { code: 'migrationsverket', name_sv: 'Migrationsverket', name_en: 'Swedish Migration Agency' },
  { code: 'polismyndigheten', name_sv: 'Polismyndigheten', name_en: 'Swedish Police Authority' },
  { code: 'kriminalvarden', name_sv: 'Kriminalvården', name_en: 'Swedish Prison and Probation Service' },
  { code: 'migrationsdomstol', name_sv: 'Migrationsdomstolarna', name_en: 'Migration courts' },
];

export const FEE_ACTIVITIES: readonly CodeNameRecord[] = [
  { code: 'citizenship', name_sv: 'Svenskt medborgarskap', name_en: 'Swedish citizenship' },
  { code: 'permit_applications', name_sv: 'Tillståndsansökningar', name_en: 'Permit applications' },
  { code: 'work_permit', name_sv: 'varav arbetstillstånd', name_en: 'of which work permits' },
  { code: 'study_permit', name_sv: 'varav studerandetillstånd', name_en: 'of which study permits' },
  { code: 'family_permit', name_sv: 'varav anknytning', name_en: 'of which family ties' },
  { code: 'passport', name_sv: 'Pass (främlingspass och resedokument)', name_en: 'Passports (aliens’ passports and travel documents)' },
  { code: 'total', name_sv: 'Totalt', name_en: 'Total' },
];

export const APPROPRIATIONS: readonly AppropriationRecord[] = [
  { code: 'total', expenditure_area: null, name_sv: 'Totalt' },
  { code: 'UO7', expenditure_area: 7, name_sv: 'Utgiftsområde 7 Internationellt bistånd' },
  { code: 'UO7 1:1', expenditure_area: 7, name_sv: '1:1 Biståndsverksamhet' },
  { code: 'UO8', expenditure_area: 8, name_sv: 'Utgiftsområde 8 Migration' },
  { code: 'UO8 1:1', expenditure_area: 8, name_sv: '1:1 Migrationsverket' },
  { code: 'UO8 1:2', expenditure_area: 8, name_sv: '1:2 Ersättningar och bostadskostnader' },
  { code: 'UO8 1:3', expenditure_area: 8, name_sv: '1:3 Migrationspolitiska åtgärder' },
  { code: 'UO8 1:6', expenditure_area: 8, name_sv: '1:6 Offentliga biträden i utlänningsärenden' },
  { code: 'UO8 1:7', expenditure_area: 8, name_sv: '1:7 Utresor för avvisade och utvisade' },
  { code: 'UO8 1:7:1', expenditure_area: 8, name_sv: '1:7 ap 1 Utresor för avvisade och utvisade, Migrationsverket' },
  { code: 'UO8 1:8', expenditure_area: 8, name_sv: '1:8 Från EU-budgeten finansierade insatser för asylsökande och flyktingar' },
  { code: 'UO8 1:9', expenditure_area: 8, name_sv: '1:9 Tillfälligt stöd till kommuner med anledning av kriget i Ukraina' },
  { code: 'UO13', expenditure_area: 13, name_sv: 'Utgiftsområde 13 Jämställdhet och nyanlända invandrares etablering' },
  { code: 'UO13 1:2', expenditure_area: 13, name_sv: '1:2 Kommunersättningar vid flyktingmottagande' },
];

/** Nationalities named in the sources (ISO 3166-1 alpha-2) and the catch-alls. */
export const NATIONALITIES: readonly CodeNameRecord[] = [
  { code: 'AF', name_sv: 'Afghanistan', name_en: 'Afghanistan' },
  { code: 'SY', name_sv: 'Syrien', name_en: 'Syria' },
  { code: 'IQ', name_sv: 'Irak', name_en: 'Iraq' },
  { code: 'IR', name_sv: 'Iran', name_en: 'Iran' },
  { code: 'ER', name_sv: 'Eritrea', name_en: 'Eritrea' },
  { code: 'SO', name_sv: 'Somalia', name_en: 'Somalia' },
  { code: 'UZ', name_sv: 'Uzbekistan', name_en: 'Uzbekistan' },
  { code: 'RU', name_sv: 'Ryssland', name_en: 'Russia' },
  { code: 'TR', name_sv: 'Turkiet', name_en: 'Turkey' },
  { code: 'GE', name_sv: 'Georgien', name_en: 'Georgia' },
  { code: 'UA', name_sv: 'Ukraina', name_en: 'Ukraine' },
  { code: 'IN', name_sv: 'Indien', name_en: 'India' },
  { code: 'CN', name_sv: 'Kina', name_en: 'China' },
  { code: 'TH', name_sv: 'Thailand', name_en: 'Thailand' },
  { code: 'PK', name_sv: 'Pakistan', name_en: 'Pakistan' },
  { code: 'BD', name_sv: 'Bangladesh', name_en: 'Bangladesh' },
  { code: 'NG', name_sv: 'Nigeria', name_en: 'Nigeria' },
  { code: 'MA', name_sv: 'Marocko', name_en: 'Morocco' },
  { code: 'DZ', name_sv: 'Algeriet', name_en: 'Algeria' },
  { code: 'LY', name_sv: 'Libyen', name_en: 'Libya' },
  { code: 'stateless', name_sv: 'Statslös', name_en: 'Stateless' },
  { code: 'unknown', name_sv: 'Okänt', name_en: 'Unknown' },
  { code: 'other', name_sv: 'Övriga', name_en: 'Other' },
  // Used by the case generator's nationality mixes (warehouse/generator/case-attributes.ts).
  { code: 'US', name_sv: 'USA', name_en: 'United States' },
  { code: 'PH', name_sv: 'Filippinerna', name_en: 'Philippines' },
  { code: 'PL', name_sv: 'Polen', name_en: 'Poland' },
  { code: 'RO', name_sv: 'Rumänien', name_en: 'Romania' },
  { code: 'DE', name_sv: 'Tyskland', name_en: 'Germany' },
  { code: 'FI', name_sv: 'Finland', name_en: 'Finland' },
  { code: 'GB', name_sv: 'Storbritannien', name_en: 'United Kingdom' },
  { code: 'CD', name_sv: 'Kongo (Demokratiska republiken)', name_en: 'Congo (Democratic Republic)' },
  { code: 'SS', name_sv: 'Sydsudan', name_en: 'South Sudan' },
  { code: 'ET', name_sv: 'Etiopien', name_en: 'Ethiopia' },
];
