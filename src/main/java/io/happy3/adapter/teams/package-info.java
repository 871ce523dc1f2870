/**
 * The Microsoft Teams adapter: the Bot Framework endpoint ({@code POST /api/messages}), activities mapped to
 * {@link io.happy3.domain.chat.ChatEvent}s through the durable inbox, proactive Adaptive Card nudges through the
 * Bot Connector, and the Teams app package. The Bot Framework Java SDK is retired, so every one of its types
 * stays inside this package; {@link io.happy3.adapter.teams.TeamsModule} is the only entry point.
 */
package io.happy3.adapter.teams;
