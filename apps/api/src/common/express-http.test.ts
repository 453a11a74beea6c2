import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { expressServer } from './express-http.js';

describe('expressServer', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(r))));
  });

  async function serve(app: express.Express): Promise<{ base: string; server: Server }> {
    const server = expressServer(app);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
  }

  it('makes requests and responses that Express never has to re-prototype', async () => {
    const app = express();
    let before: [object | null, object | null] = [null, null];
    const seen: { reqSame: boolean; resSame: boolean; isAppRequest: boolean }[] = [];
    app.use((req, res, next) => {
      // Express set the prototypes before this runs; compare with the ones the server gave.
      seen.push({
        reqSame: Object.getPrototypeOf(req) === before[0],
        resSame: Object.getPrototypeOf(res) === before[1],
        isAppRequest: Object.getPrototypeOf(req) === app.request,
      });
      next();
    });
    app.get('/x', (req, res) => {
      // Express's own request and response methods still work.
      res.status(201).json({ host: req.get('host') !== undefined, path: req.path, secure: req.secure });
    });
    const { base, server } = await serve(app);
    // The prototypes the server gave, before Express sees the request.
    server.prependListener('request', (req, res) => {
      before = [Object.getPrototypeOf(req), Object.getPrototypeOf(res)];
    });

    const r = await fetch(`${base}/x`);
    expect(r.status).toBe(201);
    expect(await r.json()).toEqual({ host: true, path: '/x', secure: false });
    expect(seen).toEqual([{ reqSame: true, resSame: true, isAppRequest: true }]);
  });

  it('answers 404 and errors as plain Express does', async () => {
    const app = express();
    app.get('/boom', () => {
      throw new Error('boom');
    });
    const { base } = await serve(app);
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
    expect((await fetch(`${base}/boom`)).status).toBe(500);
  });
});
