/**
 * The closed sets of the case-level facts: every code a case row may hold in these columns, with its English and
 * Swedish name. The GraphQL enums, the filter checks and `dimensionValues` are built from these lists; a test fails
 * when the generator writes a code that is not here.
 */
export interface VocabularyMember {
  /** The code stored in the warehouse. */
  code: string;
  name: string;
  nameSv: string;
}

const member = (code: string, name: string, nameSv: string): VocabularyMember => ({ code, name, nameSv });

export const SEX_MEMBERS = [member('female', 'Women or girls', 'Kvinnor, flickor'), member('male', 'Men or boys', 'Män, pojkar')] as const;

/** Segments the case facts are split into (delmängd); case types the reports do not split carry `general`. */
export const SEGMENT_MEMBERS = [
  member('first_time', 'First-time applications', 'Förstagångsansökningar'),
  member('extension', 'Extensions', 'Förlängningsansökningar'),
  member('general', 'Not split into segments', 'Ej uppdelat'),
  member('naturalisation', 'Naturalisation', 'Naturalisation'),
  member('notification', 'Notification', 'Anmälan'),
  member('retention_or_release', 'Retention or release of citizenship', 'Bibehållande eller befrielse'),
  member('citizenship_declaration', 'Declaration of citizenship', 'Medborgarskapsförklaring'),
  member('permit', 'Revocation of a permit', 'Återkallelse av tillstånd'),
  member('status_declaration', 'Revocation of a status declaration', 'Återkallelse av statusförklaring'),
  member('asylum_seekers', 'Compensation for asylum seekers', 'Ersättning för asylsökande'),
  member('newly_arrived', 'Compensation for newly arrived', 'Ersättning för nyanlända'),
  // Work permit categories of the 2024 model (annual report Tabell 8.4–8.6): unit costs are published per category.
  member('category_a', 'Work permits, category A', 'Arbetstillstånd, kategori A'),
  member('category_b', 'Work permits, category B', 'Arbetstillstånd, kategori B'),
  member('category_c', 'Work permits, category C', 'Arbetstillstånd, kategori C'),
  member('category_d', 'Work permits, category D', 'Arbetstillstånd, kategori D'),
] as const;

/** The Migration Agency's regions (region); the case facts place asylum decisions in nord, syd and vast. */
export const REGION_MEMBERS = [
  member('nord', 'North', 'Region Nord'),
  member('syd', 'South', 'Region Syd'),
  member('vast', 'West', 'Region Väst'),
  member('ost', 'East', 'Region Öst'),
  member('mitt', 'Central', 'Region Mitt'),
  member('stockholm', 'Stockholm', 'Region Stockholm'),
] as const;

export const AGE_GROUP_MEMBERS = [
  member('0_17', 'Aged 0–17', '0–17 år'),
  member('18_34', 'Aged 18–34', '18–34 år'),
  member('35_64', 'Aged 35–64', '35–64 år'),
  member('65_plus', 'Aged 65 or over', '65 år och äldre'),
] as const;

export const CHANNEL_MEMBERS = [
  member('e_application', 'E-application', 'E-ansökan'),
  member('paper', 'Paper or in person', 'Pappersansökan'),
] as const;

export const OUTCOME_MEMBERS = [
  member('approved', 'Approved', 'Bifall'),
  member('rejected', 'Rejected', 'Avslag'),
  member('dublin_transfer', 'Transferred under the Dublin regulation', 'Dublinöverföring'),
  member('written_off', 'Written off or dismissed', 'Avskrivet'),
  member('revoked', 'Revoked', 'Återkallat'),
  member('not_revoked', 'Not revoked', 'Ej återkallat'),
] as const;
