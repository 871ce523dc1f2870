/**
 * Adapter: the console "chat platform" of {@code happy3 demo}: prints what the bot says as a chat client
 * would show it.
 */
package io.happy3.adapter.console;
