// The document GraphiQL opens with: a welcome true to how this gateway runs, then a tour of the graph. Every
// operation runs as shipped: those that act on one device take it from the Variables tab, which the embedded
// simulator fills with a device of its fleet (src/graphiql/page-options.ts); test/integration/graphiql-examples.test.ts
// runs each one.

/**
 * How a GraphiQL user reaches data: `simulator` (the embedded simulator, GraphiQL already signed in as its
 * administrator), `basic` (pass-through: the user's own MDM credentials) or `token` (service mode: a JWT or an API
 * key the gateway verifies). `upstream` says what answers: the embedded simulator or a real MDM.
 */
export interface GraphiqlWelcome {
  upstream: 'simulator' | 'mdm';
  signIn: 'signed-in' | 'basic' | 'token';
}

function welcomeText({ upstream, signIn }: GraphiqlWelcome): string {
  const over =
    upstream === 'simulator'
      ? '# Welcome to mdmgraph, over its embedded simulator of EPMM and Neurons for MDM (a seeded, simulated fleet).'
      : '# Welcome to mdmgraph, in front of your MDM (EPMM_URL).';
  const access = {
    'signed-in': "# You are signed in as the simulator's `miadmin` administrator (see the Headers tab).",
    basic:
      '# Sign in first: in the Headers tab, add {"Authorization": "Basic <base64 of user:password>"} of an MDM\n' +
      '# administrator; the gateway passes it on to the MDM, which decides what you see.',
    token:
      '# Sign in first: in the Headers tab, add {"Authorization": "Bearer <JWT>"} or {"x-api-key": "<key>"}; the\n' +
      '# gateway checks it and reads the MDM with its own service account.',
  }[signIn];
  const device =
    upstream === 'simulator' && signIn === 'signed-in'
      ? '# DevicePage and LockDevicesDryRun act on the device in the Variables tab, one of the simulated fleet.'
      : '# DevicePage and LockDevicesDryRun act on the device in the Variables tab: copy an id from FleetPage\n' +
        '# there, as {"id": "…", "ids": ["…"]}.';
  const live =
    '# LiveAlerts is a subscription: GraphiQL keeps it open and shows each new alert as the gateway sees it\n' +
    '# (docs/subscriptions.md); press stop to end it.';
  return `${over}\n${access}\n# Press the run button and pick an operation.\n${device}\n${live}\n`;
}

const OPERATIONS = `
query FleetPage {
  devices(first: 10, orderBy: { field: LAST_CHECK_IN, direction: DESC }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id
      name
      platform
      osVersion
      model
      status
      compliant
      noncomplianceReasons
      lastCheckInAt
      user { principal displayName email }
    }
  }
}

query DevicePage($id: ID!) {
  device(id: $id) {
    name
    platform
    model
    status
    compliant
    noncomplianceReasons
    lastCheckInAt
    user { principal displayName email }
    labels { name }
  }
}

query NonCompliantAndroid {
  devices(first: 20, filter: { platform: [ANDROID], compliant: false }) {
    totalCount
    nodes { uuid model osVersion noncomplianceReasons user { displayName } }
  }
}

subscription LiveAlerts {
  alertRaised {
    kind
    at
    alert { type severity message read device { name platform } user { displayName } }
    missed { count reason }
  }
}

query WhoAmI {
  viewer { name deviceSpaces { legacyId name } activeDeviceSpace { name } }
}

query SearchableFields {
  deviceSearchFields { name queryName type }
}

# A dry run shows what would happen and changes nothing; remove dryRun to lock for real
# (the audit trail records it: see AuditTrail).
mutation LockDevicesDryRun($ids: [ID!]!) {
  lockDevices(input: { ids: $ids, note: "Reported lost", dryRun: true }) {
    results { id status message device { name status } }
    userErrors { code field message }
  }
}

query AuditTrail {
  auditLog(first: 10) { nodes { at caller operation note finished results { id status } } }
}
`;

export function exampleOperations(welcome: GraphiqlWelcome): string {
  return welcomeText(welcome) + OPERATIONS;
}

/** The Variables tab for a device of the fleet: DevicePage reads `id`, LockDevicesDryRun `ids`. */
export function exampleVariables(deviceId: string): string {
  return JSON.stringify({ id: deviceId, ids: [deviceId] }, null, 2);
}

/** The query that picks the examples' device: an active EPMM device, which every example can act on. */
export const EXAMPLE_DEVICE_QUERY =
  'query GraphiQLExampleDevice { devices(first: 1, source: EPMM, filter: { status: [ACTIVE] }) { nodes { id } } }';
