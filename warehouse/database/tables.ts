/**
 * The warehouse's tables as kysely sees them: written once here, and every query, loader and resolver takes its
 * row types from these interfaces (`Selectable<…>`), so a column change is a compile error everywhere it matters.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** numeric columns arrive from pg as strings (exact decimals); we read them as such and convert deliberately. */
type Numeric = ColumnType<string, number | string, number | string>;

export interface DimDocumentTable {
  document: string;
  title: string;
  publisher: string;
  edition_year: number;
  description: string;
}

export interface DimSourceTableTable {
  source_table_id: Generated<number>;
  document: string;
  table_code: string;
  caption: string;
  kind: 'table' | 'text';
  first_line: number;
  last_line: number;
}

export interface DimYearTable {
  year: number;
}

export interface DimCaseTypeTable {
  code: string;
  name_sv: string;
  name_en: string;
  /** Statutory or target processing limit in days as the annual report states it, where it states one. */
  statutory_limit_days: number | null;
}

/** A processing-time limit of one segment that differs from its case type's (dim_case_type.statutory_limit_days). */
export interface DimSegmentLimitTable {
  case_type: string;
  segment: string;
  limit_days: number;
  document: string;
  line: number;
  quote: string;
}

export interface DimCodeNameTable {
  code: string;
  name_sv: string;
  name_en: string;
}

export interface DimAppropriationTable {
  code: string;
  expenditure_area: number | null;
  name_sv: string;
}

/** The five areas the published figures are partitioned into, plus everything else the reports print. */
export type FigureArea = 'case_flow' | 'open_balance' | 'budget' | 'fee' | 'return' | 'other';

export interface FactFigureTable {
  figure_id: Generated<number>;
  area: FigureArea;
  figure_key: string;
  curated_file: string;
  document: string;
  source_table_id: number;
  line: number;
  quote: string;
  measure: string;
  unit: string;
  printed: string;
  value: Numeric;
  /** The value in the metric layer's unit: SEK for money, a 0–1 fraction for percent, else as printed. */
  base_value: number;
  base_unit: string;
  year: number | null;
  period: string | null;
  approximate: boolean;
  edition_year: number;
  case_type: string | null;
  segment: string | null;
  sex: string | null;
  age_group: string | null;
  region: string | null;
  nationality: string | null;
  agency: string | null;
  appropriation: string | null;
  fee_activity: string | null;
  outcome: string | null;
  subgroup: string | null;
  note: string | null;
}

export interface LoadLogTable {
  curated_file: string;
  sha256: string;
  figure_count: number;
  loaded_at: Generated<Date>;
}

/** One case (ärende) of the case-level warehouse, in schema `cases`. */
export interface CaseFactTable {
  case_id: number;
  case_type: string;
  segment: string;
  subcategory: string | null;
  sex: string;
  age_group: string;
  nationality: string;
  region: string | null;
  channel: string;
  automated: boolean;
  received_date: Date;
  decision_date: Date | null;
  outcome: string | null;
  processing_days: number | null;
  fee_paid_sek: number | null;
  appealed: boolean;
  court_outcome: string | null;
  /** Cell key method: a fixed random integer in [0, 2^31), drawn once at ingestion (warehouse/disclosure/record-keys.ts). */
  record_key: number;
}

export interface CaseEventTable {
  case_id: number;
  event_type: string;
  event_date: Date;
  agency: string | null;
  /** The agencies that reported it (two for a hand-over or an enforced departure both report). */
  sources: Generated<string[]>;
}

export interface ReceivedMonthTable {
  month: Date;
  case_type: string;
  segment: string;
  sex: string;
  region: string | null;
  received: number;
  /** Sum of the record keys of the cases counted, mod 2^31. */
  received_key: number;
}

/** The monthly rollups summed per calendar year (warehouse/cases/year-rollups.ts); `year` is its 1 January. */
export type ReceivedYearTable = Omit<ReceivedMonthTable, 'month'> & { year: Date };

export interface DecidedMonthTable {
  month: Date;
  case_type: string;
  segment: string;
  sex: string;
  region: string | null;
  outcome: string;
  decided: number;
  processing_days_sum: number;
  within_limit: number;
  /** Sums of the record keys of the decided cases and of those within the limit, mod 2^31. */
  decided_key: number;
  within_key: number;
}

export type DecidedYearTable = Omit<DecidedMonthTable, 'month'> & { year: Date };

export interface CaseLoadInfoTable {
  /** The source simulator's scale and seed; null for agencies' own extracts. */
  scale: number | null;
  seed: number | null;
  case_rows: number;
  event_rows: number;
  checksum: string;
  loaded_at: Generated<Date>;
}

/** Which members of a case dimension occur with which case type (warehouse/cases/dimension-members.ts). */
export interface DimensionMemberTable {
  dimension: string;
  code: string;
  case_type: string;
  cases: string;
}

/** One delivery of an agency's extract and what became of it (warehouse/ingest/). */
export interface DeliveryTable {
  delivery_id: Generated<number>;
  agency: string;
  extract_id: number;
  kind: 'full' | 'delta';
  status: 'validating' | 'refused' | 'published' | 'replayed' | 'interrupted';
  manifest_hash: string;
  extracted_at: Date | null;
  period_start: Date | null;
  period_end: Date | null;
  received_at: Generated<Date>;
  finished_at: Date | null;
  rows_total: Generated<number>;
  rows_rejected: Generated<number>;
  rows_applied: Generated<number>;
  rows_held: Generated<number>;
  report: Generated<unknown>;
  message: string | null;
  generation: number | null;
}

export interface RejectTable {
  delivery_id: number;
  resource: string;
  row_number: number;
  source_key: string | null;
  field: string;
  cell: string | null;
  kind: string;
  message: string;
}

/** The warehouse case id and record key drawn once per (agency, source id). */
export interface CaseKeyTable {
  case_id: Generated<number>;
  agency: string;
  source_id: string;
  record_key: number;
  first_delivery: number;
}

export interface Database {
  'ingest.delivery': DeliveryTable;
  'ingest.reject': RejectTable;
  'ingest.case_key': CaseKeyTable;
  'cases.case_fact': CaseFactTable;
  'cases.case_event': CaseEventTable;
  'cases.received_month': ReceivedMonthTable;
  'cases.decided_month': DecidedMonthTable;
  'cases.received_year': ReceivedYearTable;
  'cases.decided_year': DecidedYearTable;
  'cases.load_info': CaseLoadInfoTable;
  'cases.dimension_member': DimensionMemberTable;
  dim_document: DimDocumentTable;
  dim_source_table: DimSourceTableTable;
  dim_year: DimYearTable;
  dim_case_type: DimCaseTypeTable;
  dim_segment_limit: DimSegmentLimitTable;
  dim_sex: DimCodeNameTable;
  dim_region: DimCodeNameTable;
  dim_nationality: DimCodeNameTable;
  dim_agency: DimCodeNameTable;
  dim_appropriation: DimAppropriationTable;
  dim_fee_activity: DimCodeNameTable;
  fact_figure: FactFigureTable;
  load_log: LoadLogTable;
}

export type FigureRecord = Selectable<FactFigureTable>;
export type NewFigure = Insertable<FactFigureTable>;
export type SourceTableRecord = Selectable<DimSourceTableTable>;
export type DocumentRecord = Selectable<DimDocumentTable>;
export type CaseTypeRecord = Selectable<DimCaseTypeTable>;
export type CodeNameRecord = Selectable<DimCodeNameTable>;
export type AppropriationRecord = Selectable<DimAppropriationTable>;
