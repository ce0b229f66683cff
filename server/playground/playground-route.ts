import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';
import { apiVersion } from '../../contract/api-version.js';
import { EXAMPLE_QUERIES } from './example-queries.js';

const require = createRequire(import.meta.url);

/** The npm files the page loads, served by this server: the playground works with no internet access. */
const packageFile = (name: string, file: string) => path.join(path.dirname(require.resolve(`${name}/package.json`)), file);
const ASSETS: Record<string, string> = {
  'react.production.min.js': packageFile('react', 'umd/react.production.min.js'),
  'react-dom.production.min.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.min.js': packageFile('graphiql', 'graphiql.min.js'),
  'graphiql.min.css': packageFile('graphiql', 'graphiql.min.css'),
  // GraphiQL's explorer: builds a query by clicking through the schema (expects GraphiQL.React and GraphiQL.GraphQL).
  'plugin-explorer.umd.js': packageFile('@graphiql/plugin-explorer', 'dist/index.umd.js'),
  'plugin-explorer.css': packageFile('@graphiql/plugin-explorer', 'dist/style.css'),
};

/** The playground is a registered client (clients/playground/): its requests say so, in Apollo's convention. */
const CLIENT_HEADERS = { 'apollographql-client-name': 'playground', 'apollographql-client-version': apiVersion() };

/** The Headers tab of the analyst example: where the key goes, to be replaced by a real one. */
const ANALYST_HEADERS = JSON.stringify({ 'x-api-key': '<your analyst key>' }, null, 2);

function page(endpoint: string): string {
  const tabs = JSON.stringify(
    EXAMPLE_QUERIES.map((e) => ({ query: e.query, ...(e.role === 'analyst' ? { headers: ANALYST_HEADERS } : {}) })),
  ).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Migration warehouse – GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/playground/assets/graphiql.min.css">
  <link rel="stylesheet" href="/playground/assets/plugin-explorer.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading the playground…</div>
  <script src="/playground/assets/react.production.min.js"></script>
  <script src="/playground/assets/react-dom.production.min.js"></script>
  <script src="/playground/assets/graphiql.min.js"></script>
  <script src="/playground/assets/plugin-explorer.umd.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)}, headers: ${JSON.stringify(CLIENT_HEADERS)} });
    const explorer = GraphiQLPluginExplorer.explorerPlugin({ showAttribution: false });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultTabs: ${tabs}, defaultEditorToolsVisibility: true, plugins: [explorer] }),
    );
  </script>
</body>
</html>`;
}

/** GraphiQL at `/playground/`, with its explorer, its assets from node_modules and the example queries as tabs. */
export function playgroundRouter(endpoint = '/graphql'): Router {
  const router = express.Router();
  const html = page(endpoint);
  router.get('/', (_req, res) => {
    res.type('html').send(html);
  });
  router.get('/assets/:name', (req, res) => {
    const file = ASSETS[req.params.name];
    if (!file) {
      res.status(404).end();
      return;
    }
    res.sendFile(file, { maxAge: '1d' });
  });
  return router;
}
