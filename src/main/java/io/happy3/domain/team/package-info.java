/** The support team: channel settings, agents and leads, people's zones and preferences. */
package io.happy3.domain.team;
