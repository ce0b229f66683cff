import { type GraphQLSchema, getNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';

/**
 * Whether the schema element at an inspector path ("Type", "Type.field", "Type.field.argument", "Enum.VALUE",
 * "Input.field") carried `@deprecated` in this schema: an argument counts as deprecated when its field is, and a type
 * when every field and argument that used it was, uses inside types removed with it aside (a removed field's
 * result type goes with the types only it reached).
 */
export function isDeprecatedAt(schema: GraphQLSchema, coordinate: string, removedTypes: ReadonlySet<string> = new Set()): boolean {
  const [typeName = '', member, argument] = coordinate.split('.');
  const type = schema.getType(typeName);
  if (!type) return false;
  if (member === undefined) return onlyDeprecatedUses(schema, typeName, removedTypes);
  if (isEnumType(type)) return Boolean(type.getValue(member)?.deprecationReason);
  if (isInputObjectType(type)) return Boolean(type.getFields()[member]?.deprecationReason);
  if (isObjectType(type) || isInterfaceType(type)) {
    const field = type.getFields()[member];
    if (!field) return false;
    if (field.deprecationReason) return true;
    return argument !== undefined && Boolean(field.args.find((a) => a.name === argument)?.deprecationReason);
  }
  return false;
}

/** Whether a type is used, and only by deprecated fields, arguments and input fields. */
function onlyDeprecatedUses(schema: GraphQLSchema, typeName: string, removedTypes: ReadonlySet<string>): boolean {
  let uses = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (removedTypes.has(type.name)) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name === typeName) {
          uses++;
          if (!field.deprecationReason) return false;
        }
        for (const arg of field.args) {
          if (getNamedType(arg.type).name !== typeName) continue;
          uses++;
          if (!arg.deprecationReason && !field.deprecationReason) return false;
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name !== typeName) continue;
        uses++;
        if (!field.deprecationReason) return false;
      }
    }
  }
  return uses > 0;
}
