/** The issue lifecycle: states, history events, the tracker that moves issues, and their store port. */
package io.happy3.domain.issue;
