// Tailcall cannot address EPMM's dotted keys ("common.uuid") in mustache paths or field names, so one
// function per page turns the v2 search rows into nested objects. mdm.graphql calls them by name (@js).
function parse(val) {
  return typeof val === 'string' ? JSON.parse(val) : val;
}
function out(val, result) {
  return typeof val === 'string' ? JSON.stringify(result) : result;
}
function row(r) {
  return {
    uuid: r['common.uuid'],
    name: r['ios.DeviceName'] ?? null,
    model: r['common.model'],
    platform: r['common.platform'],
    status: r['common.status'],
    osVersion: r['common.os_version'],
    principal: r['user.user_id'],
    user:
      r['user.user_id'] == null
        ? null
        : { principal: r['user.user_id'], displayName: r['user.display_name'], email: r['user.email_address'] },
  };
}
// biome-ignore lint/correctness/noUnusedVariables: called by Tailcall, @js(name: "rows") in mdm.graphql
function rows(val) {
  const page = parse(val);
  return out(val, (page.results || []).map(row));
}
// biome-ignore lint/correctness/noUnusedVariables: called by Tailcall, @js(name: "firstRow") in mdm.graphql
function firstRow(val) {
  const page = parse(val);
  const r = (page.results || [])[0];
  return out(val, r ? row(r) : null);
}
