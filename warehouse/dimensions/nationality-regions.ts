/**
 * Nationalities grouped into world regions: the registry knows each nationality (dim_nationality) but not where in
 * the world it lies, so the grouping is declared here, once. Continents follow the UN M49 standard (Turkey, Georgia
 * and the Middle East are in Asia); Europe is split as Statistics Sweden's tables of citizenship by region split it
 * (the Nordic countries, the rest of the EU, the rest of Europe). The catch-alls keep regions of their own: a
 * stateless person has no country, and `other`/`unknown` cannot be placed.
 *
 * A test holds every member of dim_nationality to a region here, so a new nationality in the reference data or a
 * curated file must be placed before it ships. PxWeb serves this as the codelist `agg_region`.
 */
/** A name in Swedish and English. */
interface RegionName {
  sv: string;
  en: string;
}

export const WORLD_REGIONS = {
  nordic: { sv: 'Norden utom Sverige', en: 'Nordic countries except Sweden' },
  eu: { sv: 'EU utom Norden', en: 'EU except the Nordic countries' },
  europe_other: { sv: 'Europa utom EU och Norden', en: 'Europe except the EU and the Nordic countries' },
  africa: { sv: 'Afrika', en: 'Africa' },
  asia: { sv: 'Asien', en: 'Asia' },
  north_america: { sv: 'Nordamerika', en: 'North America' },
  stateless: { sv: 'Statslösa', en: 'Stateless' },
  unknown: { sv: 'Okänt eller övrigt', en: 'Unknown or other' },
} as const satisfies Record<string, RegionName>;
export type WorldRegion = keyof typeof WORLD_REGIONS;

/** Nationality code (ISO 3166-1 alpha-2, or a catch-all) → its world region. */
export const NATIONALITY_REGION: Readonly<Record<string, WorldRegion>> = {
  FI: 'nordic',
  DE: 'eu',
  PL: 'eu',
  RO: 'eu',
  BY: 'europe_other',
  GB: 'europe_other',
  RU: 'europe_other',
  UA: 'europe_other',
  CD: 'africa',
  DZ: 'africa',
  ER: 'africa',
  ET: 'africa',
  LY: 'africa',
  MA: 'africa',
  NG: 'africa',
  SO: 'africa',
  SS: 'africa',
  AF: 'asia',
  BD: 'asia',
  CN: 'asia',
  GE: 'asia',
  IN: 'asia',
  IQ: 'asia',
  IR: 'asia',
  PH: 'asia',
  PK: 'asia',
  SY: 'asia',
  TH: 'asia',
  TR: 'asia',
  UZ: 'asia',
  US: 'north_america',
  stateless: 'stateless',
  unknown: 'unknown',
  other: 'unknown',
};

/** The nationalities of a region, in code order. */
export function regionMembers(region: WorldRegion): string[] {
  return Object.entries(NATIONALITY_REGION)
    .filter(([, r]) => r === region)
    .map(([code]) => code)
    .sort();
}
