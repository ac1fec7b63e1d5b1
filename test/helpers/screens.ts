// The five screens of the read-graph issue as GraphQL operations: one definition, used by the integration tests
// that assert each screen's upstream-call budget and by the benchmark (bench/scenarios.ts), so both measure the
// same thing.

/** Screen 1, fleet page: 50 devices with user name and e-mail, labels, device space, compliance reasons. */
export const FLEET_PAGE = `query FleetPage {
  devices(first: 50, source: EPMM) {
    totalCount
    nodes {
      uuid model noncomplianceReasons
      user { displayName email }
      labels { name }
      deviceSpace { name }
    }
  }
}`;

/** Screen 2, device page: one device with details, labels, policies, unread alerts, app and rule compliance, groups. */
export const DEVICE_PAGE = `query DevicePage($uuid: String!) {
    device(uuid: $uuid) {
      id uuid name platform status model
      details { name value }
      labels { legacyId name }
      policies { legacyId name type }
      alerts(first: 20, filter: { read: false }) { totalCount nodes { legacyId message read } }
      appCompliance { type appName appVersion }
      ruleCompliance { ruleName actions quarantines }
      groups { name kind }
    }
  }`;

/** Screen 3, people page: 20 users, each with their devices and unread alert count. */
export const PEOPLE_PAGE = `query People {
  users(first: 20) {
    totalCount
    pageInfo { hasNextPage }
    nodes { id principal displayName devices(first: 10) { totalCount nodes { uuid model } } unreadAlertCount }
  }
}`;

/** Screen 5, alert inbox: 100 newest alerts with device model and user display name. */
export const ALERT_INBOX = `query Inbox {
  alerts(first: 100) {
    totalCount
    nodes { id legacyId type severity status transport read createdAt message device { uuid model } user { principal displayName } }
  }
}`;

/** Screen 4, label drill-down: all labels with device counts and their first 10 devices. */
export const DRILL_DOWN = `query LabelDrillDown {
  labels(first: 200) {
    totalCount
    nodes { id legacyId name builtIn static deviceCount devices(first: 10) { totalCount pageInfo { hasNextPage } nodes { uuid } } }
  }
}`;
