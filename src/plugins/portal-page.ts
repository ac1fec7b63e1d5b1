// The portal's host page as the gateway serves it: examples/portal/index.html as built, plus, where the gateway
// signs GraphiQL in (the embedded simulator), the same Authorization header in a <meta> tag the portal reads
// (examples/portal/src/settings.ts). The credentials live in this HTML page only, never in a script or stylesheet:
// another site can include a script cross-origin and run it, but can never read a page's HTML (CORS is off).

/** Where the portal asks for its settings; one tag, before `</head>`. */
export function portalPage(html: string, authorization: string | undefined): string {
  if (authorization === undefined) return html;
  const tag = `<meta name="mdmgraph-authorization" content="${escapeAttribute(authorization)}" />\n  `;
  const end = html.indexOf('</head>');
  if (end < 0) throw new Error('the portal page has no </head>');
  return `${html.slice(0, end)}${tag}${html.slice(end)}`;
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char);
}
