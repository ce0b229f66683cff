import { Query, Resolver } from 'type-graphql';
import { apiVersion } from '../contract/api-version.js';

@Resolver()
export class ApiVersionResolver {
  @Query(() => String, {
    description:
      'Version of this API (API-version), semantic: a new major version may remove what an earlier one deprecated; see CHANGELOG.md and the README, "Versions and deprecation".',
  })
  apiVersion(): string {
    return apiVersion();
  }
}
