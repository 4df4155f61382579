/**
 * Persistence of an org in a data directory ({@code --data-dir}): an atomically replaced snapshot plus a journal
 * of changes, so that users, groups, memberships, API tokens, service apps and System Log events survive
 * restarts. Each feature turns its records into JSON values and back; this package only stores them.
 */
package dev.switchboard.sandbox.store;
