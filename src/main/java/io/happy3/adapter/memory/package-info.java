/**
 * In-memory implementations of the storage ports, with the same semantics as the JDBC stores: for
 * use-case tests, the demo, and as a fallback. Every store is thread-safe; nothing survives a restart.
 */
package io.happy3.adapter.memory;
