import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';

/** The vendored JSON-stat 2.0 schema (see json-stat-schema.md for its source). */
const {
  $schema: _draft,
  id: _id,
  ...schema
} = JSON.parse(readFileSync(path.join(import.meta.dirname, 'json-stat-2.0.schema.json'), 'utf8')) as Record<string, unknown>;

const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
// The two formats the schema names, checked as the spec means them.
ajv.addFormat('uri', (text: string) => URL.canParse(text));
ajv.addFormat(
  'date-time',
  (text: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text)),
);
const validate = ajv.compile(schema);

/** The schema's complaints about a JSON-stat answer (empty when it is valid). */
export function jsonStatErrors(answer: unknown): string[] {
  return validate(answer) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
