import { type DocumentNode, type GraphQLSchema, TypeInfo, visit, visitWithTypeInfo } from 'graphql';

/**
 * The deprecated fields, arguments and enum values an operation reads, as schema coordinates ("Type.field",
 * "Type.field(argument:)", "Enum.VALUE"), once per document object: Apollo keeps parsed documents, so a repeated
 * operation is walked once.
 */
export function deprecatedUsage(schema: GraphQLSchema): (document: DocumentNode) => readonly string[] {
  const known = new WeakMap<DocumentNode, readonly string[]>();
  return (document) => {
    let found = known.get(document);
    if (found) return found;
    const coordinates = new Set<string>();
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field() {
          const field = typeInfo.getFieldDef();
          const parent = typeInfo.getParentType();
          if (field?.deprecationReason && parent) coordinates.add(`${parent.name}.${field.name}`);
        },
        Argument() {
          const argument = typeInfo.getArgument();
          const field = typeInfo.getFieldDef();
          const parent = typeInfo.getParentType();
          if (argument?.deprecationReason && field && parent) coordinates.add(`${parent.name}.${field.name}(${argument.name}:)`);
        },
        EnumValue() {
          const value = typeInfo.getEnumValue();
          const type = typeInfo.getInputType();
          if (value?.deprecationReason && type) coordinates.add(`${String(type).replace(/[[\]!]/g, '')}.${value.name}`);
        },
      }),
    );
    found = [...coordinates].sort();
    known.set(document, found);
    return found;
  };
}
