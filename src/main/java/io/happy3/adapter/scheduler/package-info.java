/**
 * Scheduling infrastructure: a guarded ticker that runs periodic tasks (nudge delivery, rituals, inbox
 * polling) and keeps going when one fails, and the worker that processes the durable inbox.
 */
package io.happy3.adapter.scheduler;
