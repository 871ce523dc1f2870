/**
 * Playbooks from YAML files: a strict loader that reports every problem with file, line and column,
 * a hot-reloading folder that keeps the last good version of each file, and the
 * {@code happy3 playbook check} command.
 */
package io.happy3.adapter.playbook;
