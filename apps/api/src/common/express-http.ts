import { createServer, IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';

/**
 * An HTTP server for `app` whose requests and responses are born with the prototypes Express
 * gives them (ADR 0012). Express otherwise sets the prototype of every request and response it
 * handles, and V8 then kept every request's objects alive through the next young-generation
 * collection and promoted them to the old generation: in a ranking's bench, 2–3 MB a scavenge,
 * which lengthened every scavenge and set off a full collection every few seconds.
 *
 * The classes are subclasses (a function that returns `Reflect.construct(…)` behaves like the
 * prototype change), made Express's own: `app.request` and `app.response` become their
 * prototypes, which inherit Express's, so Express's own `setPrototypeOf` finds each request with
 * the prototype it sets, and leaves it alone.
 */
export function expressServer(app: Express): Server {
  class Request extends IncomingMessage {}
  Object.setPrototypeOf(Request.prototype, app.request);
  class Response extends ServerResponse {}
  Object.setPrototypeOf(Response.prototype, app.response);
  app.request = Request.prototype as unknown as Express['request'];
  app.response = Response.prototype as unknown as Express['response'];
  return createServer({ IncomingMessage: Request, ServerResponse: Response }, app);
}

/** Nest's Express adapter, serving through `expressServer`. */
export class ExpressServerAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    // Options this product never sets keep Nest's own server.
    if (options.httpsOptions || options.return503OnClosing || options.forceCloseConnections) super.initHttpServer(options);
    else this.httpServer = expressServer(this.getInstance<Express>());
  }
}
