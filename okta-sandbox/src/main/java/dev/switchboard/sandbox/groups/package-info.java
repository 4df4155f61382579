/**
 * Okta groups: the in-memory groups and memberships, their deterministic seeding, search and filter rules, the
 * JSON representation, and the {@code /api/v1/groups} endpoints with members.
 *
 * <p>Sources: the {@code Group} schema and the {@code Group} operations of the Management API description, and
 * OKTA-WIRE.md "Groups and System Log". Not modelled: the built-in {@code Everyone} group, app groups, group
 * rules, owners and roles.
 */
package dev.switchboard.sandbox.groups;
