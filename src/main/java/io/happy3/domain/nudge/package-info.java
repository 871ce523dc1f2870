/** Nudges: durable planned prompts to agents, their planning rules, and the ports that store and send them. */
package io.happy3.domain.nudge;
