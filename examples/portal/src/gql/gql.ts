/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query PortalAlertInbox($first: Int!, $after: String, $filter: AlertFilter) {\n    alerts(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...PortalInboxAlert\n      }\n    }\n  }\n": typeof types.PortalAlertInboxDocument,
    "\n  fragment PortalInboxAlert on Alert {\n    id\n    type\n    severity\n    read\n    createdAt\n    message\n    device {\n      id\n      displayName\n    }\n    user {\n      id\n      displayName\n      principal\n    }\n  }\n": typeof types.PortalInboxAlertFragmentDoc,
    "\n  subscription PortalAlertRaised {\n    alertRaised(includeReadChanges: true) {\n      eventId\n      kind\n      alert {\n        ...PortalInboxAlert\n      }\n      missed {\n        count\n        reason\n      }\n    }\n  }\n": typeof types.PortalAlertRaisedDocument,
    "\n  mutation PortalMarkAlertsRead($input: MarkAlertsInput!) {\n    markAlertsRead(input: $input) {\n      dryRun\n      replayed\n      results {\n        id\n        status\n        message\n      }\n      userErrors {\n        code\n        field\n        message\n      }\n    }\n  }\n": typeof types.PortalMarkAlertsReadDocument,
    "\n  mutation PortalLockDevices($input: DeviceActionInput!) {\n    lockDevices(input: $input) {\n      ...PortalActionPayload\n    }\n  }\n": typeof types.PortalLockDevicesDocument,
    "\n  mutation PortalUnlockDevices($input: DeviceActionInput!) {\n    unlockDevices(input: $input) {\n      ...PortalActionPayload\n    }\n  }\n": typeof types.PortalUnlockDevicesDocument,
    "\n  mutation PortalSendMessage($input: SendMessageToDevicesInput!) {\n    sendMessageToDevices(input: $input) {\n      ...PortalActionPayload\n    }\n  }\n": typeof types.PortalSendMessageDocument,
    "\n  fragment PortalActionPayload on DeviceActionPayload {\n    dryRun\n    replayed\n    auditId\n    results {\n      id\n      status\n      message\n      device {\n        id\n        displayName\n        status\n      }\n    }\n    userErrors {\n      code\n      field\n      message\n    }\n  }\n": typeof types.PortalActionPayloadFragmentDoc,
    "\n  subscription PortalActionProgress($auditId: ID!) {\n    actionProgress(auditId: $auditId) {\n      eventId\n      deviceId\n      state\n      completed\n      device {\n        id\n        displayName\n        status\n      }\n      missed {\n        count\n        reason\n      }\n    }\n  }\n": typeof types.PortalActionProgressDocument,
    "\n  query PortalDevicePage($id: ID!) {\n    device(id: $id) {\n      id\n      displayName\n      uuid\n      sources\n      platform\n      osVersion\n      model\n      manufacturer\n      status\n      ownership\n      serialNumber\n      phoneNumber\n      deviceSpaceName\n      registeredAt\n      lastCheckInAt\n      compliant\n      noncomplianceReasons\n      quarantined\n      compromised\n      encrypted\n      supervised\n      passcodeCompliant\n      osBuild\n      securityPatchLevel\n      enrollmentType\n      carrier\n      complianceState {\n        nonCompliance\n        quarantine\n        block\n      }\n      user {\n        id\n        displayName\n        principal\n        email\n      }\n      labels {\n        id\n        name\n        static\n      }\n      policies {\n        id\n        name\n        type\n        status\n      }\n    }\n  }\n": typeof types.PortalDevicePageDocument,
    "\n  query PortalFleetPage($first: Int!, $after: String, $filter: DeviceFilter, $source: Source) {\n    devices(first: $first, after: $after, filter: $filter, source: $source) {\n      totalCount\n      totalCountIsEstimate\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        displayName\n        platform\n        osVersion\n        model\n        status\n        compliant\n        lastCheckInAt\n        sources\n        user {\n          id\n          displayName\n          principal\n        }\n      }\n    }\n  }\n": typeof types.PortalFleetPageDocument,
    "\n  query PortalViewer {\n    viewer {\n      name\n      activeDeviceSpace {\n        name\n      }\n    }\n  }\n": typeof types.PortalViewerDocument,
};
const documents: Documents = {
    "\n  query PortalAlertInbox($first: Int!, $after: String, $filter: AlertFilter) {\n    alerts(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...PortalInboxAlert\n      }\n    }\n  }\n": types.PortalAlertInboxDocument,
    "\n  fragment PortalInboxAlert on Alert {\n    id\n    type\n    severity\n    read\n    createdAt\n    message\n    device {\n      id\n      displayName\n    }\n    user {\n      id\n      displayName\n      principal\n    }\n  }\n": types.PortalInboxAlertFragmentDoc,
    "\n  subscription PortalAlertRaised {\n    alertRaised(includeReadChanges: true) {\n      eventId\n      kind\n      alert {\n        ...PortalInboxAlert\n      }\n      missed {\n        count\n        reason\n      }\n    }\n  }\n": types.PortalAlertRaisedDocument,
    "\n  mutation PortalMarkAlertsRead($input: MarkAlertsInput!) {\n    markAlertsRead(input: $input) {\n      dryRun\n      replayed\n      results {\n        id\n        status\n        message\n      }\n      userErrors {\n        code\n        field\n        message\n      }\n    }\n  }\n": types.PortalMarkAlertsReadDocument,
    "\n  mutation PortalLockDevices($input: DeviceActionInput!) {\n    lockDevices(input: $input) {\n      ...PortalActionPayload\n    }\n  }\n": types.PortalLockDevicesDocument,
    "\n  mutation PortalUnlockDevices($input: DeviceActionInput!) {\n    unlockDevices(input: $input) {\n      ...PortalActionPayload\n    }\n  }\n": types.PortalUnlockDevicesDocument,
    "\n  mutation PortalSendMessage($input: SendMessageToDevicesInput!) {\n    sendMessageToDevices(input: $input) {\n      ...PortalActionPayload\n    }\n  }\n": types.PortalSendMessageDocument,
    "\n  fragment PortalActionPayload on DeviceActionPayload {\n    dryRun\n    replayed\n    auditId\n    results {\n      id\n      status\n      message\n      device {\n        id\n        displayName\n        status\n      }\n    }\n    userErrors {\n      code\n      field\n      message\n    }\n  }\n": types.PortalActionPayloadFragmentDoc,
    "\n  subscription PortalActionProgress($auditId: ID!) {\n    actionProgress(auditId: $auditId) {\n      eventId\n      deviceId\n      state\n      completed\n      device {\n        id\n        displayName\n        status\n      }\n      missed {\n        count\n        reason\n      }\n    }\n  }\n": types.PortalActionProgressDocument,
    "\n  query PortalDevicePage($id: ID!) {\n    device(id: $id) {\n      id\n      displayName\n      uuid\n      sources\n      platform\n      osVersion\n      model\n      manufacturer\n      status\n      ownership\n      serialNumber\n      phoneNumber\n      deviceSpaceName\n      registeredAt\n      lastCheckInAt\n      compliant\n      noncomplianceReasons\n      quarantined\n      compromised\n      encrypted\n      supervised\n      passcodeCompliant\n      osBuild\n      securityPatchLevel\n      enrollmentType\n      carrier\n      complianceState {\n        nonCompliance\n        quarantine\n        block\n      }\n      user {\n        id\n        displayName\n        principal\n        email\n      }\n      labels {\n        id\n        name\n        static\n      }\n      policies {\n        id\n        name\n        type\n        status\n      }\n    }\n  }\n": types.PortalDevicePageDocument,
    "\n  query PortalFleetPage($first: Int!, $after: String, $filter: DeviceFilter, $source: Source) {\n    devices(first: $first, after: $after, filter: $filter, source: $source) {\n      totalCount\n      totalCountIsEstimate\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        displayName\n        platform\n        osVersion\n        model\n        status\n        compliant\n        lastCheckInAt\n        sources\n        user {\n          id\n          displayName\n          principal\n        }\n      }\n    }\n  }\n": types.PortalFleetPageDocument,
    "\n  query PortalViewer {\n    viewer {\n      name\n      activeDeviceSpace {\n        name\n      }\n    }\n  }\n": types.PortalViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalAlertInbox($first: Int!, $after: String, $filter: AlertFilter) {\n    alerts(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...PortalInboxAlert\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalAlertInbox($first: Int!, $after: String, $filter: AlertFilter) {\n    alerts(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...PortalInboxAlert\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PortalInboxAlert on Alert {\n    id\n    type\n    severity\n    read\n    createdAt\n    message\n    device {\n      id\n      displayName\n    }\n    user {\n      id\n      displayName\n      principal\n    }\n  }\n"): (typeof documents)["\n  fragment PortalInboxAlert on Alert {\n    id\n    type\n    severity\n    read\n    createdAt\n    message\n    device {\n      id\n      displayName\n    }\n    user {\n      id\n      displayName\n      principal\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PortalAlertRaised {\n    alertRaised(includeReadChanges: true) {\n      eventId\n      kind\n      alert {\n        ...PortalInboxAlert\n      }\n      missed {\n        count\n        reason\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PortalAlertRaised {\n    alertRaised(includeReadChanges: true) {\n      eventId\n      kind\n      alert {\n        ...PortalInboxAlert\n      }\n      missed {\n        count\n        reason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalMarkAlertsRead($input: MarkAlertsInput!) {\n    markAlertsRead(input: $input) {\n      dryRun\n      replayed\n      results {\n        id\n        status\n        message\n      }\n      userErrors {\n        code\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PortalMarkAlertsRead($input: MarkAlertsInput!) {\n    markAlertsRead(input: $input) {\n      dryRun\n      replayed\n      results {\n        id\n        status\n        message\n      }\n      userErrors {\n        code\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalLockDevices($input: DeviceActionInput!) {\n    lockDevices(input: $input) {\n      ...PortalActionPayload\n    }\n  }\n"): (typeof documents)["\n  mutation PortalLockDevices($input: DeviceActionInput!) {\n    lockDevices(input: $input) {\n      ...PortalActionPayload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalUnlockDevices($input: DeviceActionInput!) {\n    unlockDevices(input: $input) {\n      ...PortalActionPayload\n    }\n  }\n"): (typeof documents)["\n  mutation PortalUnlockDevices($input: DeviceActionInput!) {\n    unlockDevices(input: $input) {\n      ...PortalActionPayload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalSendMessage($input: SendMessageToDevicesInput!) {\n    sendMessageToDevices(input: $input) {\n      ...PortalActionPayload\n    }\n  }\n"): (typeof documents)["\n  mutation PortalSendMessage($input: SendMessageToDevicesInput!) {\n    sendMessageToDevices(input: $input) {\n      ...PortalActionPayload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PortalActionPayload on DeviceActionPayload {\n    dryRun\n    replayed\n    auditId\n    results {\n      id\n      status\n      message\n      device {\n        id\n        displayName\n        status\n      }\n    }\n    userErrors {\n      code\n      field\n      message\n    }\n  }\n"): (typeof documents)["\n  fragment PortalActionPayload on DeviceActionPayload {\n    dryRun\n    replayed\n    auditId\n    results {\n      id\n      status\n      message\n      device {\n        id\n        displayName\n        status\n      }\n    }\n    userErrors {\n      code\n      field\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PortalActionProgress($auditId: ID!) {\n    actionProgress(auditId: $auditId) {\n      eventId\n      deviceId\n      state\n      completed\n      device {\n        id\n        displayName\n        status\n      }\n      missed {\n        count\n        reason\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PortalActionProgress($auditId: ID!) {\n    actionProgress(auditId: $auditId) {\n      eventId\n      deviceId\n      state\n      completed\n      device {\n        id\n        displayName\n        status\n      }\n      missed {\n        count\n        reason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalDevicePage($id: ID!) {\n    device(id: $id) {\n      id\n      displayName\n      uuid\n      sources\n      platform\n      osVersion\n      model\n      manufacturer\n      status\n      ownership\n      serialNumber\n      phoneNumber\n      deviceSpaceName\n      registeredAt\n      lastCheckInAt\n      compliant\n      noncomplianceReasons\n      quarantined\n      compromised\n      encrypted\n      supervised\n      passcodeCompliant\n      osBuild\n      securityPatchLevel\n      enrollmentType\n      carrier\n      complianceState {\n        nonCompliance\n        quarantine\n        block\n      }\n      user {\n        id\n        displayName\n        principal\n        email\n      }\n      labels {\n        id\n        name\n        static\n      }\n      policies {\n        id\n        name\n        type\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalDevicePage($id: ID!) {\n    device(id: $id) {\n      id\n      displayName\n      uuid\n      sources\n      platform\n      osVersion\n      model\n      manufacturer\n      status\n      ownership\n      serialNumber\n      phoneNumber\n      deviceSpaceName\n      registeredAt\n      lastCheckInAt\n      compliant\n      noncomplianceReasons\n      quarantined\n      compromised\n      encrypted\n      supervised\n      passcodeCompliant\n      osBuild\n      securityPatchLevel\n      enrollmentType\n      carrier\n      complianceState {\n        nonCompliance\n        quarantine\n        block\n      }\n      user {\n        id\n        displayName\n        principal\n        email\n      }\n      labels {\n        id\n        name\n        static\n      }\n      policies {\n        id\n        name\n        type\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalFleetPage($first: Int!, $after: String, $filter: DeviceFilter, $source: Source) {\n    devices(first: $first, after: $after, filter: $filter, source: $source) {\n      totalCount\n      totalCountIsEstimate\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        displayName\n        platform\n        osVersion\n        model\n        status\n        compliant\n        lastCheckInAt\n        sources\n        user {\n          id\n          displayName\n          principal\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalFleetPage($first: Int!, $after: String, $filter: DeviceFilter, $source: Source) {\n    devices(first: $first, after: $after, filter: $filter, source: $source) {\n      totalCount\n      totalCountIsEstimate\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        displayName\n        platform\n        osVersion\n        model\n        status\n        compliant\n        lastCheckInAt\n        sources\n        user {\n          id\n          displayName\n          principal\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalViewer {\n    viewer {\n      name\n      activeDeviceSpace {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalViewer {\n    viewer {\n      name\n      activeDeviceSpace {\n        name\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;