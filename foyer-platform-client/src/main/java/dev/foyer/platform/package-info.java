/**
 * A typed client of Foyer's Platform API and a verifier of Foyer's webhook callbacks, for the
 * business back-end that holds an application's credentials.
 *
 * <p>{@link dev.foyer.platform.FoyerPlatformClient} creates and ends ad hoc meetings and mints
 * the join tokens a client app needs ({@link dev.foyer.platform.JoinTicket}). It fetches and
 * caches the OAuth 2.0 client-credentials access token itself. Everything it throws is a {@link
 * dev.foyer.platform.FoyerException}.
 *
 * <p>{@link dev.foyer.platform.WebhookVerifier} checks the {@code Foyer-Signature} header of a
 * webhook request and parses its body into a {@link dev.foyer.platform.WebhookEvent}.
 *
 * <p>Classes that are not public are plumbing and may change at any time.
 */
package dev.foyer.platform;
