/** The schema of the read-only views for SQL clients (BI tools). */
export const BI_SCHEMA = 'bi';
