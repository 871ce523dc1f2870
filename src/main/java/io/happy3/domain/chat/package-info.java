/** Platform-neutral chat vocabulary: channels, users, and the events adapters translate into. */
package io.happy3.domain.chat;
