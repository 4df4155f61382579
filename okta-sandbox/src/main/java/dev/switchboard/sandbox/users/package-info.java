/**
 * Okta users: the in-memory directory with its indexes, deterministic seeding, search and filter rules, lifecycle
 * operations and their asynchronous transitions, credentials (passwords kept as salted hashes), the JSON
 * representation with its status-dependent links, and the {@code /api/v1/users} endpoints.
 *
 * <p>Sources: the {@code User}, {@code UserProfile} and {@code UserStatus} schemas and the {@code listUsers} /
 * {@code getUser} operations of the Management API description, and OKTA-WIRE.md "Users".
 */
package dev.switchboard.sandbox.users;
