import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The fields of some selection sets, with their fragments (named and inline) spread in. */
function fieldsOf(sets: readonly SelectionSetNode[], fragments: GraphQLResolveInfo['fragments']): FieldNode[] {
  const fields: FieldNode[] = [];
  const spread = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else {
        const fragment = fragments[selection.name.value];
        if (fragment && !spread.has(selection.name.value)) {
          spread.add(selection.name.value);
          visit(fragment.selectionSet);
        }
      }
    }
  };
  for (const set of sets) visit(set);
  return fields;
}

/**
 * The names (not aliases) of the fields a request selects below the resolved field along `path`, e.g. `['nodes']`
 * for a page's items: every field node of the resolved field, fragments included. `@skip` and `@include` are not
 * evaluated, so the set may name a field that will not be sent, never miss one that will.
 */
export function selectedFieldNames(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): Set<string> {
  let sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    sets = fieldsOf(sets, info.fragments).flatMap((field) => (field.name.value === name && field.selectionSet ? [field.selectionSet] : []));
  }
  return new Set(fieldsOf(sets, info.fragments).map((field) => field.name.value));
}

/**
 * The columns a row must hold for the selected fields, from each field's columns; undefined (every column) when a
 * field is not in the map, so that a field added to the type later is never answered from a column left unread.
 */
export function columnsOfFields<Column>(
  fields: ReadonlySet<string>,
  columnsOf: Readonly<Record<string, readonly Column[]>>,
): Set<Column> | undefined {
  const columns = new Set<Column>();
  for (const field of fields) {
    const mapped = columnsOf[field];
    if (mapped === undefined) return undefined;
    for (const column of mapped) columns.add(column);
  }
  return columns;
}
