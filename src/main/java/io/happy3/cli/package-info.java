/**
 * Command-line composition: the demo, the signals command and the pieces of {@code happy3 serve} that
 * combine several adapters (readiness). Like {@code Main}, it may know every adapter.
 */
package io.happy3.cli;
