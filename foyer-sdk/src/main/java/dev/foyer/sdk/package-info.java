/**
 * The Foyer client SDK: joins a user of your app to a Foyer meeting as a guest (or as staff) and
 * keeps the conversation alive across network loss.
 *
 * <p>Start with {@link dev.foyer.sdk.FoyerClient}: build one per app, then call one of its
 * {@code join...} methods, which return a {@link dev.foyer.sdk.Conversation} at once and do the
 * work in the background. Everything the conversation learns reaches your {@link
 * dev.foyer.sdk.ConversationListener} on the executor you chose (the main thread on Android).
 *
 * <p>The package uses only APIs available on Android API level 26; the build checks it.
 */
package dev.foyer.sdk;
