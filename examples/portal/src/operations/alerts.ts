// The alert inbox: a page of Event Center alerts, newest first, marking some of them read, and the live events that
// keep the page current while it is open (schema/subscription.graphql, `alertRaised`).
import { graphql } from '../gql/index.js';

export const AlertInboxQuery = graphql(`
  query PortalAlertInbox($first: Int!, $after: String, $filter: AlertFilter) {
    alerts(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...PortalInboxAlert
      }
    }
  }
`);

export const InboxAlertFragment = graphql(`
  fragment PortalInboxAlert on Alert {
    id
    type
    severity
    read
    createdAt
    message
    device {
      id
      displayName
    }
    user {
      id
      displayName
      principal
    }
  }
`);

/** New alerts and read-state changes; MISSED when the stream lost events (the page is then read again). */
export const AlertRaisedSubscription = graphql(`
  subscription PortalAlertRaised {
    alertRaised(includeReadChanges: true) {
      eventId
      kind
      alert {
        ...PortalInboxAlert
      }
      missed {
        count
        reason
      }
    }
  }
`);

export const MarkAlertsReadMutation = graphql(`
  mutation PortalMarkAlertsRead($input: MarkAlertsInput!) {
    markAlertsRead(input: $input) {
      dryRun
      replayed
      results {
        id
        status
        message
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);
