/**
 * Okta groups: the in-memory groups and memberships, their deterministic seeding, search and filter rules, the
 * JSON representation, and the {@code /api/v1/groups} endpoints with members.
 *
 * <p>Sources: the {@code Group} schema and the {@code Group} operations of the Management API description, and
 * OKTA-WIRE.md "Groups and System Log". The built-in Everyone group has every user as member. Not modelled: app
 * groups, group rules, owners and roles.
 */
package dev.switchboard.sandbox.groups;
