/**
 * In-memory implementations of the storage ports, with the same semantics as the JDBC stores, for use-case
 * and contract tests. Main code runs on the JDBC stores only (the demo on an in-memory H2 database), so these
 * live under src/test. Every store is thread-safe; nothing survives a restart.
 */
package io.happy3.adapter.memory;
