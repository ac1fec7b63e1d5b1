// Refuses oversize request bodies before they are read: 413 above the limit, 411 for a body of unknown length
// (chunked), so a client cannot stream an unbounded document into the parser.
import type { Plugin } from 'graphql-yoga';

export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
      const length = request.headers.get('content-length');
      const refuse = (status: number, message: string) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] }), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
        );
      if (length === null) {
        if (request.headers.get('transfer-encoding')) refuse(411, 'Send the request body with a Content-Length.');
        return;
      }
      if (!/^\d+$/.test(length) || Number(length) > maxBytes)
        refuse(413, `The request body is larger than ${maxBytes} bytes.`);
    },
  };
}
