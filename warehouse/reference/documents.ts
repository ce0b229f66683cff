import type { DocumentRecord } from '../database/tables.js';

/** The five source documents in `shared/seeds/`. Edition = the year the report was published. */
export const DOCUMENTS: readonly DocumentRecord[] = [
  {
    document: '000_c6bd8d7f0150f31e.txt',
    title: 'Migrationsverkets årsredovisning 2024',
    publisher: 'Migrationsverket',
    edition_year: 2025,
    description:
      'Annual report 2024 (årsredovisning): case volumes, decisions, processing times, open balances, unit costs, appropriations, fee-financed activities, reception, return, detention.',
  },
  {
    document: '001_b947993960c5cc8f.txt',
    title: 'Översyn av asylprocessen – enhetlighet och rättssäkerhet',
    publisher: 'Statskontoret',
    edition_year: 2024,
    description:
      'Review of the asylum process: uniformity and legal certainty, regional differences in approval rates, appeals, processing times (data 2017–2023).',
  },
  {
    document: '002_e3639b9bf54e2bb0.txt',
    title: 'Myndigheternas arbete med personer som ska återvända till sitt hemland (2022:1)',
    publisher: 'Statskontoret',
    edition_year: 2022,
    description: 'Review of the agencies’ work with people who are to return (Migrationsverket, Polismyndigheten, Kriminalvården), data 2014–2021.',
  },
  {
    document: '003_18350b40b22d24e9.txt',
    title: 'Gemensam redovisning av återvändandeverksamhetens resultat 2024',
    publisher: 'Migrationsverket, Polismyndigheten och Kriminalvården',
    edition_year: 2025,
    description:
      'Joint report of return activity results 2024: departures by agency and destination, Dublin transfers, refusals of entry, criminal expulsions.',
  },
  {
    document: '004_dabe1cbfc1adbded.txt',
    title: 'Migrationsverkets brottsförebyggande arbete',
    publisher: 'Migrationsverket',
    edition_year: 2025,
    description: 'Crime-prevention analysis (brottsförebyggande arbete): mostly qualitative, with a few printed figures.',
  },
];
