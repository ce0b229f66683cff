/**
 * A refusal in the API v2 shape (RFC 9457 application/problem+json), with the titles PxTools/PxWebApi uses
 * (PxWeb/Helper/Api2/ProblemUtility.cs, PxWeb/Filters/Api2/LangValidationFilter.cs), so clients that match on them work.
 */
export const PROBLEM_TITLES = {
  nonExistentVariable: { status: 400, title: 'Non-existent variable' },
  nonExistentValue: { status: 400, title: 'Non-existent value' },
  nonExistentCodelist: { status: 400, title: 'Non-existent codelist' },
  illegalSelectionExpression: { status: 400, title: 'Illegal selection expression' },
  missingSelection: { status: 400, title: 'Missing selection for mandantory variable' },
  illegalPlacement: { status: 400, title: 'Illegal placment' },
  tooManyCells: { status: 400, title: 'Too many cells selected' },
  unsupportedOutputFormat: { status: 400, title: 'Unsupported output format' },
  unsupportedLanguage: { status: 400, title: 'Unsupported language' },
  badRequest: { status: 400, title: 'Bad request' },
  nonExistentTable: { status: 404, title: 'Non-existent table' },
  nonExistentPage: { status: 404, title: 'Non-existent page' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  tooManyRequests: { status: 429, title: 'Too many requests' },
  serviceUnavailable: { status: 503, title: 'Service unavailable' },
  internal: { status: 500, title: 'Internal error' },
} as const;
export type ProblemKind = keyof typeof PROBLEM_TITLES;

export class PxProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
  ) {
    super(`${PROBLEM_TITLES[kind].title}: ${detail}`);
    this.name = 'PxProblem';
  }

  get title(): string {
    return PROBLEM_TITLES[this.kind].title;
  }

  get status(): number {
    return PROBLEM_TITLES[this.kind].status;
  }

  body(): { type: string; title: string; status: number; detail: string } {
    return { type: 'Parameter error', title: PROBLEM_TITLES[this.kind].title, status: this.status, detail: this.detail };
  }
}

export const PROBLEM_MEDIA_TYPE = 'application/problem+json; charset=utf-8';

/** A client's text as a problem's detail quotes it: JSON-quoted and cut, so no answer echoes a megabyte back. */
export const quoted = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
