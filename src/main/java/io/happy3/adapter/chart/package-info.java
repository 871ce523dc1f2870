/** Renders the weekly digest's trend chart as a PNG with JFreeChart; headless, no display needed. */
package io.happy3.adapter.chart;
