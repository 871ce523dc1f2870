/** Deterministic, explainable detection of issue signals in message text. */
package io.happy3.domain.signal;
