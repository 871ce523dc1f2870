/** Playbooks: the team's coaching policy as immutable values, and the port that supplies them. */
package io.happy3.domain.playbook;
