// The alert inbox: a page of Event Center alerts, newest first, and marking some of them read.
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
