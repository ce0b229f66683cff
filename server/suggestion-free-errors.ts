import type { GraphQLFormattedError } from 'graphql';

/**
 * graphql-js suggests names in several places — unknown fields and types ("Did you mean "cases"?"), arguments, enum
 * literals and variable values ("Did you mean the enum value "ASYLUM"?") — and graphql-armor's block-field-suggestion
 * masks only some of them. Removing every "Did you mean …?" sentence from the formatted error catches them all,
 * whichever rule or coercion raised it.
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return SUGGESTION.test(formatted.message) ? { ...formatted, message: formatted.message.replace(SUGGESTION, '') } : formatted;
}
