import type { ServerResponse } from 'node:http';

export interface EpmmMessage {
  type: 'Error' | 'Info';
  messageKey: string;
  localizedMessage: string;
  messageParameters?: Array<string | number>;
}

/** EPMM's `messages` envelope (the V01 parse-failure sample's shape), used for every EPMM error. */
export function epmmError(
  messageKey: string,
  localizedMessage: string,
  messageParameters?: Array<string | number>,
): { messages: EpmmMessage[] } {
  return {
    messages: [{ type: 'Error', messageKey, localizedMessage, ...(messageParameters ? { messageParameters } : {}) }],
  };
}

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
