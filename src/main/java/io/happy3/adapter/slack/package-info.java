/**
 * The Slack adapter: the signed events endpoint (verify, one durable inbox write, acknowledge), the
 * inbox handler that turns stored Slack payloads into {@code ChatEvent}s, the Web API gateway for nudges
 * and the App Home, the user directory, and the OAuth install flow. Every Slack SDK type stays here.
 */
package io.happy3.adapter.slack;
