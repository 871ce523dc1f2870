/**
 * What agents know about the customer beyond one issue: notes agents keep on a person ("prefers updates
 * before 10am"), which nudges recall.
 */
package io.happy3.domain.customer;
