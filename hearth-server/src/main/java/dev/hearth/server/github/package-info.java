/**
 * Results back to GitHub: commit statuses ({@code hearth/<workflow>}), check runs when Hearth is a
 * GitHub App, and one pull-request comment per PR whose results table is edited in place. Every call
 * starts life as a {@link dev.hearth.server.github.Report} in the durable outbox (a
 * {@link dev.hearth.server.github.ReportQueue} the store implements); the
 * {@link dev.hearth.server.github.ReportDispatcher} drains it through the
 * {@link dev.hearth.server.github.Reporter}, whose {@link dev.hearth.server.github.RetryPolicy} says
 * when to try again (honouring {@code Retry-After} and the rate-limit headers) and when to give up, so
 * a GitHub outage delays reports but never loses a run's result. Authentication is a token or a GitHub
 * App's installation tokens, minted from an RS256 JWT signed with JDK crypto.
 */
package dev.hearth.server.github;
