// static-server.mjs — a small web server for the site's checks: serves a
// built site's folder under a path (`/` or a sub-path like `/sub/site/`),
// a folder's index.html for the folder, and for anything else status 404
// with the page `notFound(path)` names (none: an empty answer), as a web
// host does. Listens on 127.0.0.1, on a free port.
// Usage: const server = await serveFolder(SITE_DIR, { prefix, notFound });
//        server.origin ... server.close();
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve, join, extname } from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.js': 'text/javascript', '.png': 'image/png', '.jpg': 'image/jpeg', '.xml': 'application/xml',
};

export async function serveFolder(folder, { prefix = '/', notFound = () => null } = {}) {
  const site = resolve(folder);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (path.startsWith(prefix)) {
      const inside = join(site, path.slice(prefix.length));
      const file = inside.startsWith(site) && existsSync(inside) && statSync(inside).isDirectory()
        ? join(inside, 'index.html') : inside;
      if (file.startsWith(site) && existsSync(file) && statSync(file).isFile()) {
        response.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
        response.end(readFileSync(file));
        return;
      }
    }
    const page = notFound(path);
    response.writeHead(404, { 'content-type': types['.html'] });
    response.end(page ? readFileSync(page) : '');
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  server.origin = `http://127.0.0.1:${server.address().port}`;
  return server;
}
