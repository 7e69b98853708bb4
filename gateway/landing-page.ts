import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Route } from '../subgraphs/kit/runtime/http-server.ts';

const require = createRequire(import.meta.url);

/**
 * The gateway's landing page: GraphiQL, served from our own node_modules. Apollo's default landing
 * page loads its explorer from Apollo's CDN, which a platform inside a government network cannot
 * reach and should not call; this page makes no request anywhere but to this gateway.
 */
const ASSETS: Record<string, [string, string, string]> = {
  '/explorer/react.js': ['react', 'umd/react.production.min.js', 'text/javascript'],
  '/explorer/react-dom.js': ['react-dom', 'umd/react-dom.production.min.js', 'text/javascript'],
  '/explorer/graphiql.js': ['graphiql', 'graphiql.min.js', 'text/javascript'],
  '/explorer/graphiql.css': ['graphiql', 'graphiql.min.css', 'text/css'],
};

/** A file inside a package, found through its package.json (the packages' exports maps hide UMD builds). */
function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

const DEFAULT_QUERY = `# The credit federation gateway. Every field's description says its access level
# (PUBLIC, AUTHORISED, INTERNAL): open the docs on the left to explore the schema.
# Without a token you are anonymous and see PUBLIC data; put
#   { "Authorization": "Bearer <token>" }
# in the headers below to query as an institution, government or the entity itself.
query Search {
  searchEntities(namePrefix: "丹东", first: 5) {
    nodes { uscc name regionName status }
    pageInfo { hasNextPage endCursor }
  }
}
`;

function page(defaultQuery: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>Credit federation gateway</title>
<link rel="stylesheet" href="/explorer/graphiql.css">
<style>body{margin:0;height:100vh}#graphiql{height:100vh}</style>
</head>
<body>
<div id="graphiql">Loading the schema explorer…</div>
<script src="/explorer/react.js"></script>
<script src="/explorer/react-dom.js"></script>
<script src="/explorer/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', location.href).href });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(defaultQuery)}, shouldPersistHeaders: false }),
  );
</script>
</body>
</html>`;
}

export function landingPageRoutes(defaultQuery = DEFAULT_QUERY): Record<string, Route> {
  const html = page(defaultQuery);
  const routes: Record<string, Route> = {
    '/': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(html);
    },
  };
  for (const [path, [pkg, file, type]] of Object.entries(ASSETS)) {
    const body = readFileSync(packageFile(pkg, file));
    routes[path] = (_req, res) => {
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'public, max-age=86400' });
      res.end(body);
    };
  }
  return routes;
}
