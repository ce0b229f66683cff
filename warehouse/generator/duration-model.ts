import { normalCdf, normalQuantile } from './normal-distribution.js';

/**
 * Processing time (days from receipt to decision) of one stratum of decisions.
 *
 * How it is fitted: where a share decided within a limit L is published, the model is a two-part mixture of one
 * log-normal(μ, σ) truncated below L and the same log-normal truncated above L, weighted s and 1 − s (s = the
 * published share). The weights give the share exactly; μ (σ fixed per case type, a stated assumption) is solved by
 * bisection so that the mixture's mean — closed form: E[X | a ≤ X < b] = e^(μ+σ²/2)·[Φ(β−σ) − Φ(α−σ)]/[Φ(β) − Φ(α)]
 * with α, β the standardised log bounds — equals the published mean. Without a published share it is a single
 * log-normal with that mean. The right tail is cut at `cap` days. Days are whole: the part below L covers 0…L,
 * the part above L + 1…cap.
 *
 * Draws are stratified quantiles — the i-th of n decisions takes the quantile at (i + u)/n with u uniform — so a
 * stratum's durations come out in ascending order, their share within L is exact and their mean is within a
 * fraction of a day of the model's; the generator then corrects the remaining difference exactly (cell-generator).
 */
export interface DurationModel {
  mu: number;
  sigma: number;
  /** L: decisions in the lower part take 0…L days. null = no split. */
  limit: number | null;
  /** Weight of the lower part. */
  shareBelow: number;
  cap: number;
}

function truncatedLogNormalMean(mu: number, sigma: number, a: number, b: number): number {
  const alpha = a > 0 ? (Math.log(a) - mu) / sigma : -Infinity;
  const beta = (Math.log(b) - mu) / sigma;
  const mass = normalCdf(beta) - (a > 0 ? normalCdf(alpha) : 0);
  if (mass < 1e-12) return alpha > 0 ? a : b;
  const partial = normalCdf(beta - sigma) - (a > 0 ? normalCdf(alpha - sigma) : 0);
  return Math.min(b, Math.max(a, (Math.exp(mu + (sigma * sigma) / 2) * partial) / mass));
}

function modelMean(model: DurationModel): number {
  const { mu, sigma, limit, shareBelow, cap } = model;
  if (limit === null) return truncatedLogNormalMean(mu, sigma, 0, cap + 0.5);
  const below = truncatedLogNormalMean(mu, sigma, 0, limit + 0.5);
  const above = truncatedLogNormalMean(mu, sigma, limit + 0.5, cap + 0.5);
  return shareBelow * below + (1 - shareBelow) * above;
}

export interface DurationFit {
  meanDays: number;
  sigma: number;
  /** Share of decisions within limitDays, when the stratum has one to meet. */
  shareWithin: number | null;
  limitDays: number | null;
  cap: number;
}

export function fitDurationModel(fit: DurationFit): DurationModel {
  const split = fit.shareWithin !== null && fit.limitDays !== null;
  const model: DurationModel = {
    mu: 0,
    sigma: fit.sigma,
    limit: split ? fit.limitDays : null,
    shareBelow: split ? Math.min(1, Math.max(0, fit.shareWithin as number)) : 1,
    cap: fit.cap,
  };
  // The mean rises monotonically with μ: bisection.
  let lo = -6;
  let hi = 12;
  for (let i = 0; i < 80; i++) {
    model.mu = (lo + hi) / 2;
    if (modelMean(model) < fit.meanDays) lo = model.mu;
    else hi = model.mu;
  }
  return model;
}

function componentQuantile(mu: number, sigma: number, a: number, b: number, p: number): number {
  const pa = a > 0 ? normalCdf((Math.log(a) - mu) / sigma) : 0;
  const pb = normalCdf((Math.log(b) - mu) / sigma);
  if (pb - pa < 1e-12) return a + p * (b - a);
  const q = pa + p * (pb - pa);
  const x = Math.exp(mu + sigma * normalQuantile(Math.min(1 - 1e-15, Math.max(1e-15, q))));
  return Math.min(b, Math.max(a, x));
}

/** Number of the n decisions that fall in the lower part (exact share, rounded half up). */
export function countBelow(model: DurationModel, n: number): number {
  return model.limit === null ? n : Math.round(model.shareBelow * n);
}

/** The i-th smallest of n durations (whole days), with u ∈ [0, 1) the stratified jitter. */
export function durationAt(model: DurationModel, i: number, n: number, below: number, u: number): number {
  const { mu, sigma, limit, cap } = model;
  if (limit === null) return Math.min(cap, Math.max(0, Math.round(componentQuantile(mu, sigma, 0, cap + 0.5, (i + u) / n))));
  if (i < below) {
    return Math.min(limit, Math.max(0, Math.round(componentQuantile(mu, sigma, 0, limit + 0.5, (i + u) / below))));
  }
  const above = n - below;
  return Math.min(cap, Math.max(limit + 1, Math.round(componentQuantile(mu, sigma, limit + 0.5, cap + 0.5, (i - below + u) / above))));
}

/** Share within L of a plain log-normal with the given mean: the default where a segment prints no share. */
export function naturalShareWithin(meanDays: number, sigma: number, limitDays: number): number {
  const mu = Math.log(Math.max(1, meanDays)) - (sigma * sigma) / 2;
  return Math.min(0.98, Math.max(0.02, normalCdf((Math.log(limitDays + 0.5) - mu) / sigma)));
}
