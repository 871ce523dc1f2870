/**
 * Metrics adapter: the {@link io.happy3.app.Telemetry} port on Micrometer, and {@code GET /metrics} in the
 * Prometheus text format.
 */
package io.happy3.adapter.metrics;
