/**
 * Okta users: the in-memory directory, its deterministic seeding, search and filter rules, the JSON
 * representation, and the {@code /api/v1/users} endpoints.
 *
 * <p>Sources: the {@code User}, {@code UserProfile} and {@code UserStatus} schemas and the {@code listUsers} /
 * {@code getUser} operations of the Management API description, and OKTA-WIRE.md "Users".
 */
package dev.switchboard.sandbox.users;
