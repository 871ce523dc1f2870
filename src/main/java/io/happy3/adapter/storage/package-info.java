/**
 * Durable storage: a pooled, Flyway-migrated database (embedded H2 or PostgreSQL) and the JDBC stores
 * behind the domain ports. SQL errors leave this package as {@link io.happy3.adapter.storage.StorageException}s.
 */
package io.happy3.adapter.storage;
