/** A request as it goes over the wire: a raw body, its content type, and a label for failure messages. */
export interface HostileRequest {
  label: string;
  body: string;
  contentType?: string;
}

const json = (label: string, payload: unknown): HostileRequest => ({ label, body: JSON.stringify(payload) });
const query = (label: string, text: string, variables?: unknown): HostileRequest => json(label, { query: text, variables });

function nested(depth: number): string {
  let inner = 'id';
  for (let i = 0; i < depth; i += 1) inner = i % 2 === 0 ? `sourceTable { figures(first: 1) { nodes { ${inner} } } }` : inner;
  return `{ publishedFigures(first: 1) { nodes { ${inner} } } }`;
}

/**
 * Hostile and malformed requests, built by kind: deep nesting, alias, directive and fragment bombs, circular
 * fragments, huge page sizes, wrong types, unknown fields, oversized bodies, invalid JSON, batching. Every one must
 * be refused with a coded error, quickly.
 */
export function hostileCorpus(): HostileRequest[] {
  const corpus: HostileRequest[] = [];
  for (let depth = 3; depth < 40; depth += 1) corpus.push(query(`deep nesting ${depth}`, nested(depth)));
  for (let aliases = 16; aliases <= 200; aliases += 2) {
    corpus.push(query(`alias bomb ${aliases}`, `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: metricCatalog { name }`).join(' ')} }`));
  }
  for (let directives = 51; directives <= 120; directives += 1) {
    corpus.push(query(`directive bomb ${directives}`, `{ metricCatalog ${'@include(if: true) '.repeat(directives)} { name } }`));
  }
  for (let tokens = 1; tokens <= 40; tokens += 1) {
    corpus.push(query(`token bomb ${tokens}`, `{ metricCatalog { ${'name '.repeat(1000 + tokens * 50)} } }`));
  }
  for (let width = 2; width <= 12; width += 1) {
    const fragments = Array.from(
      { length: width },
      (_, i) => `fragment F${i} on PublishedFigure { id sourceTable { figures(first: 1000) { nodes { ...F${i + 1} } } } }`,
    ).join(' ');
    corpus.push(
      query(
        `fragment bomb ${width}`,
        `{ publishedFigures(first: 1000) { nodes { ...F0 } } } ${fragments} fragment F${width} on PublishedFigure { id }`,
      ),
    );
  }
  for (let i = 0; i < 10; i += 1) {
    corpus.push(
      query(
        `circular fragments ${i}`,
        `{ ...A${i} } fragment A${i} on Query { ...B${i} metricCatalog { name } } fragment B${i} on Query { ...A${i} }`,
      ),
    );
  }
  for (const first of [1001, 5000, 1_000_000, 2_147_483_647, -1, -1000]) {
    corpus.push(query(`huge first ${first} (figures)`, `{ publishedFigures(first: ${first}) { totalCount } }`));
    corpus.push(query(`huge first ${first} (metric)`, `{ metric(name: FEE_COST, by: [YEAR], first: ${first}) { totalCount } }`));
    corpus.push(query(`huge first ${first} (variable)`, 'query Q($n: Int) { publishedFigures(first: $n) { nodes { id } } }', { n: first }));
    corpus.push(query(`huge first ${first} (nested)`, `{ sourceTables { figures(first: ${first}) { totalCount } } }`));
  }
  corpus.push(query('first beyond Int', '{ publishedFigures(first: 99999999999) { totalCount } }'));
  const wrongTypes: [string, string, unknown?][] = [
    ['string for Int', '{ publishedFigures(first: "ten") { totalCount } }'],
    ['float for Int', '{ publishedFigures(first: 1.5) { totalCount } }'],
    ['number for enum', '{ caseTypes(codes: [1]) { code } }'],
    ['unknown enum', '{ caseTypes(codes: [NOT_A_TYPE]) { code } }'],
    ['string for list of Int', '{ metric(name: RECEIVED, where: { year: "2024" }) { totalCount } }'],
    ['object for String', '{ metric(name: { x: 1 }) { totalCount } }'],
    ['missing required arg', '{ metric { totalCount } }'],
    ['bad date', '{ metric(name: RECEIVED, where: { from: "2024-13-45" }) { totalCount } }'],
    ['bad dimension', '{ metric(name: RECEIVED, by: [PLANET]) { totalCount } }'],
    ['unsupported dimension', '{ metric(name: FEE_COST, by: [NATIONALITY]) { totalCount } }'],
    ['unknown metric', '{ metric(name: DROP_TABLES) { totalCount } }'],
    ['forged cursor', '{ publishedFigures(after: "Zm9v") { totalCount } }'],
    ['forged metric cursor', '{ metric(name: FEE_COST, by: [YEAR], after: "b2Zmc2V0Oi0x") { totalCount } }'],
    ['variable of wrong type', 'query Q($y: [Int!]) { metric(name: RECEIVED, where: { year: $y }) { totalCount } }', { y: ['x'] }],
    ['undeclared variable', '{ publishedFigures(first: $n) { totalCount } }'],
    ['null for non-null', 'query Q($n: String!) { metric(name: $n) { totalCount } }', { n: null }],
    ['compare without time', '{ metric(name: RECEIVED, compareTo: PREVIOUS_PERIOD) { totalCount } }'],
    ['from after to', '{ metric(name: RECEIVED, where: { from: "2024-05-01", to: "2024-01-01" }) { totalCount } }'],
    ['region deviation without region', '{ metric(name: APPROVAL_RATE_DEVIATION_PP, by: [YEAR]) { totalCount } }'],
    ['figure metric without year', '{ metric(name: FEE_COST) { totalCount } }'],
    // Malformed values that must be refused as BAD_USER_INPUT before they reach PostgreSQL.
    [
      'control characters in a filter',
      'query Q($v: [String!]) { metric(name: RECEIVED, where: { nationality: $v }) { totalCount } }',
      { v: ['S\u0000Y'] },
    ],
    ['control characters in a fee code', 'query Q($v: [String!]) { feeActivities(codes: $v) { code } }', { v: ['citizen\u0007ship'] }],
    ['year far outside', '{ metric(name: RECEIVED, where: { year: [2147483647] }) { totalCount } }'],
    ['negative year', '{ metric(name: RECEIVED, by: [YEAR], where: { year: [-1] }) { totalCount } }'],
    ['date before the calendar', '{ metric(name: RECEIVED, where: { from: "0001-01-01" }) { totalCount } }'],
    ['date far ahead', '{ metric(name: RECEIVED, where: { to: "9999-12-31" }) { totalCount } }'],
    [
      'oversized filter list',
      'query Q($v: [String!]) { metric(name: RECEIVED, where: { nationality: $v }) { totalCount } }',
      { v: Array.from({ length: 5000 }, (_, i) => `N${i}`) },
    ],
    [
      'overlong filter value',
      'query Q($v: [String!]) { metric(name: RECEIVED, where: { nationality: $v }) { totalCount } }',
      { v: ['x'.repeat(50_000)] },
    ],
    ['empty filter list', '{ metric(name: RECEIVED, where: { caseType: [] }) { totalCount } }'],
    ['unknown open-set value', '{ metric(name: FEE_REVENUE, by: [YEAR], where: { feeActivity: ["passports"] }) { totalCount } }'],
    ['period wholly outside coverage', '{ metric(name: RECEIVED, by: [YEAR], where: { year: [1999] }) { totalCount } }'],
    ['grouping beyond the row cap', '{ metric(name: P90_PROCESSING_DAYS, by: [NATIONALITY, WEEK, SEX, AGE_GROUP, CASE_TYPE]) { totalCount } }'],
  ];
  for (const [label, text, variables] of wrongTypes) {
    for (let i = 0; i < 5; i += 1) corpus.push(query(`${label} #${i}`, `${text}${' '.repeat(i)}`, variables));
  }
  const unknownFields = [
    '{ nope }',
    '{ caseTypes { nope } }',
    '{ metricCatalog { formula { x } } }',
    '{ __typename { x } }',
    '{ publishedFigures { nodes { quote { x } } } }',
    '{ feeActivities { years { nope } } }',
    '{ cases2 { x } }',
    'subscription { x }',
    'mutation { reload }',
    '{ metric(name: X) }',
  ];
  for (const text of unknownFields) for (let i = 0; i < 3; i += 1) corpus.push(query(`unknown field ${text} #${i}`, text));
  const syntax = [
    '{',
    '}',
    '{ caseTypes { code }',
    'query {',
    '{ caseTypes(codes: [) { code } }',
    '"string"',
    '12345',
    '{ ... }',
    'fragment X on Query',
    '{ a: }',
  ];
  for (const text of syntax) for (let i = 0; i < 3; i += 1) corpus.push(query(`syntax ${text} #${i}`, text));
  const invalidJson = [
    '{',
    '{"query": ',
    'null',
    '[]',
    '"x"',
    '{"query": 5}',
    '{"query": null}',
    '{"query": ["x"]}',
    '{"variables": 5, "query": "{ metricCatalog { name } }"}',
    '{"query": "{ metricCatalog { name } }", "operationName": 5}',
    'not json at all',
    '\u0000\u0001',
    '{"query": "{ metricCatalog { name } }"',
    '{}',
    '{"extensions": 1}',
  ];
  for (const body of invalidJson) for (let i = 0; i < 2; i += 1) corpus.push({ label: `invalid JSON ${JSON.stringify(body)} #${i}`, body });
  for (let i = 0; i < 10; i += 1) {
    corpus.push({ label: `batch ${i}`, body: JSON.stringify(Array.from({ length: i + 2 }, () => ({ query: '{ metricCatalog { name } }' }))) });
  }
  for (let i = 0; i < 8; i += 1) {
    corpus.push(query(`oversized ${i}`, `{ metricCatalog { name } } # ${'x'.repeat(110_000 + i * 50_000)}`));
  }
  for (let i = 0; i < 10; i += 1) {
    corpus.push({ label: `form-encoded (CSRF) ${i}`, body: 'query={metricCatalog{name}}', contentType: 'application/x-www-form-urlencoded' });
    corpus.push({ label: `text/plain (CSRF) ${i}`, body: JSON.stringify({ query: '{ metricCatalog { name } }' }), contentType: 'text/plain' });
  }
  for (let i = 0; i < 20; i += 1) {
    corpus.push(query(`operation name not found ${i}`, 'query A { metricCatalog { name } } query B { metricCatalog { name } }'));
  }
  return corpus;
}

/** Filter values that try to break out into SQL: each must be treated as plain data. */
export const INJECTION_STRINGS = [
  "' or '1'='1",
  "'; drop table fact_figure; --",
  '"; delete from dim_document; --',
  "Tabell 3.8' union select * from pg_user --",
  '1; select pg_sleep(10)',
  '$$ select 1 $$',
  "\\'; truncate load_log; --",
  "') or true --",
  "%' and 1=1 --",
  'select * from cases.case_fact',
];
