/**
 * Okta's filter expression language, used by the {@code search} and {@code filter} query parameters of list
 * operations: conditions such as {@code profile.login eq "a@example.com"} joined by {@code and}, {@code or}
 * and parentheses, with operators {@code eq sw co gt ge lt le pr}. It follows SCIM filtering (RFC 7644,
 * section 3.4.2.2) without {@code ne}, {@code ew} and {@code not}, as Okta does.
 *
 * <p>Source: https://developer.okta.com/docs/api/#filter and the {@code search}/{@code filter} parameters of
 * {@code listUsers} in the Management API description. What each resource allows (attributes, operators, case
 * sensitivity) is decided by the resource's own rules, not here.
 */
package dev.switchboard.sandbox.query;
