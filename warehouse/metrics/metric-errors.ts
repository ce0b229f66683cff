/** A metric request the catalogue cannot answer as asked; the API shows it as BAD_USER_INPUT with its details. */
export class MetricRequestError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'MetricRequestError';
  }
}
