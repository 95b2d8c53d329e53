/**
 * From a delivery to the workflows it triggers: what the payload says ({@link dev.hearth.server.source.EventFacts}),
 * the repository fetched at the event's commit into a bare cache on the host
 * ({@link dev.hearth.server.source.RepositoryCache}), the workflows read from that commit without a checkout
 * ({@link dev.hearth.server.source.CommitWorkflows}), the files the push or pull request changed
 * ({@link dev.hearth.server.source.ChangedFiles}), and the workflows whose triggers accept the event, each with
 * why ({@link dev.hearth.server.source.TriggeredWorkflows}). Nothing here runs a workflow or writes the database.
 */
package dev.hearth.server.source;
