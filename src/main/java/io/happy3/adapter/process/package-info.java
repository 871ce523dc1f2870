/**
 * Adapter: the process's lifecycle. {@link io.happy3.adapter.process.GracefulShutdown} stops the parts of a
 * running server in order (stop taking work, finish what is claimed, close the database) within a deadline.
 */
package io.happy3.adapter.process;
