import { ATTRIBUTES, enumValueName, type AttributeDimension } from '../../warehouse/dimensions/dimension-registry.js';

/** The GraphQL `metric` rows for the same cells a PxWeb request asks, keyed as PxWeb codes: "time|attribute code". */
export async function graphqlCells(
  url: string,
  headers: Record<string, string>,
  name: string,
  dimension: AttributeDimension | null,
  years: number[],
): Promise<Map<string, number | null>> {
  const key = dimension ? ATTRIBUTES[dimension].key : null;
  const query = `query Cells($name: MetricName!, $by: [Dimension!], $where: MetricWhere) {
    metric(name: $name, by: $by, where: $where, first: 1000) { rows { year value ${key ?? ''} } } }`;
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables: { name: name.toUpperCase(), by: ['YEAR', ...(dimension ? [dimension] : [])], where: { year: years } } }),
  });
  const body = (await response.json()) as { data?: { metric: { rows: Record<string, number | string | null>[] } }; errors?: unknown[] };
  if (!body.data) throw new Error(`GraphQL refused: ${JSON.stringify(body.errors)}`);
  const members = dimension ? ATTRIBUTES[dimension].members : null;
  // Closed sets come back as enum names: map each to the stored code PxWeb uses.
  const codeOf = (shown: string) =>
    members?.kind === 'closed' ? (members.list.find((m) => enumValueName(members, m.code) === shown)?.code ?? shown) : shown;
  const cells = new Map<string, number | null>();
  for (const row of body.data.metric.rows) {
    const member = key ? row[key] : '';
    if (member === null || member === undefined) continue;
    cells.set(`${row.year}|${codeOf(String(member))}`, row.value as number | null);
  }
  return cells;
}
