/** The operations GraphiQL opens with: a tour of the graph over the simulated fleet. */
export const EXAMPLE_OPERATIONS = `# Welcome to mdmgraph. Press the run button and pick an operation.
# In the embedded default you are signed in as the simulator's \`miadmin\` (see the Headers tab).

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

query NonCompliantAndroid {
  devices(first: 20, filter: { platform: [ANDROID], compliant: false }) {
    totalCount
    nodes { uuid model osVersion noncomplianceReasons user { displayName } }
  }
}

query WhoAmI {
  viewer { name deviceSpaces { legacyId name } activeDeviceSpace { name } }
}

query SearchableFields {
  deviceSearchFields { name queryName type }
}

# Paste a device id from FleetPage. A dry run shows what would happen and changes nothing;
# remove dryRun to lock for real (the audit trail records it: see AuditTrail).
mutation LockDevicesDryRun {
  lockDevices(input: { ids: ["PASTE-A-DEVICE-ID"], note: "Reported lost", dryRun: true }) {
    results { id status message device { name status } }
    userErrors { code field message }
  }
}

query AuditTrail {
  auditLog(first: 10) { nodes { at caller operation note finished results { id status } } }
}
`;
