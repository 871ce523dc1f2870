/** The durable inbox: every platform event is persisted before it is acknowledged. */
package io.happy3.domain.inbox;
