import type { NonEmptyArray } from 'type-graphql';
import { ApiVersionResolver } from './api-version.resolver.js';
import { BudgetLineResolver } from './budget-line.resolver.js';
import { CaseTypeResolver } from './case-type.resolver.js';
import { CaseResolver } from './case.resolver.js';
import { DimensionValueResolver } from './dimension-value.resolver.js';
import { MetricDefinitionResolver } from './metric-definition.resolver.js';
import { FeeActivityResolver } from './fee-activity.resolver.js';
import { MetricResolver } from './metric.resolver.js';
import { PublishedFigureResolver } from './published-figure.resolver.js';
import { SourceTableResolver } from './source-table.resolver.js';
import { SourceDocumentResolver } from './source-document.resolver.js';
import { ReturnResolver } from './return.resolver.js';
import { DeliveryResolver } from './delivery.resolver.js';

/** Every resolver class of the API; the analyst and admin schema is built from these. */
export const RESOLVERS: NonEmptyArray<Function> = [
  CaseTypeResolver,
  FeeActivityResolver,
  BudgetLineResolver,
  ReturnResolver,
  PublishedFigureResolver,
  SourceTableResolver,
  SourceDocumentResolver,
  MetricResolver,
  MetricDefinitionResolver,
  DimensionValueResolver,
  ApiVersionResolver,
  CaseResolver,
  DeliveryResolver,
];

/**
 * The public schema's resolvers: all but the case-level ones and the load history, so that the public schema has no
 * `cases` or `deliveries` field and no Case, CaseEvent, CaseWhere or Delivery type to discover (introspection, suggestions, error messages).
 */
export const PUBLIC_RESOLVERS = RESOLVERS.filter((r) => r !== CaseResolver && r !== DeliveryResolver) as NonEmptyArray<Function>;
