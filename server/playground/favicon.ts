import { readFileSync } from 'node:fs';
import express, { type Router } from 'express';
import { projectRoot } from '../../warehouse/project-root.js';

/**
 * The site icon (a bar chart in the Swedish colours), as SVG. Browsers ask for /favicon.ico by default; modern ones
 * render an SVG served there by its content type, and the playground links /favicon.svg.
 */
export function faviconRouter(): Router {
  const svg = readFileSync(`${projectRoot()}/server/playground/favicon.svg`);
  const router = express.Router();
  router.get(['/favicon.ico', '/favicon.svg'], (_req, res) => {
    res.type('image/svg+xml').set('cache-control', 'public, max-age=86400').send(svg);
  });
  return router;
}
