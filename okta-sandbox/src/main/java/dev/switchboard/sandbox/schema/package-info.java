/**
 * The user profile schema ({@code /api/v1/meta/schemas/user/default}) and the user type: Okta's base attributes, the
 * custom attributes an admin adds, and the rules every profile written through the API follows (types, required
 * attributes, allowed values, lengths, the login's format, no attribute the schema does not define).
 *
 * <p>Sources: the {@code Schema} and {@code UserType} operations and the {@code UserSchema*} schemas and examples of
 * the Management API description.
 */
package dev.switchboard.sandbox.schema;
