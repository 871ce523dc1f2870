package io.happy3.adapter.sandbox;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Decides whether a connection may reach the sandbox, by the local address it arrived on: with the default
 * {@code 127.0.0.1} (any loopback address) a request that came in through a network interface is refused even
 * though the server listens on all of them; {@code 0.0.0.0} or {@code ::} allow any; another address allows
 * exactly that one.
 */
final class BindGuard {
    private final InetAddress bind;

    BindGuard(String bind) {
        try {
            this.bind = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + bind, e);
        }
    }

    boolean allows(String localAddress) {
        if (bind.isAnyLocalAddress()) {
            return true;
        }
        if (localAddress == null || localAddress.isBlank()) {
            return false;
        }
        try {
            InetAddress local = InetAddress.getByName(localAddress.replace("[", "").replace("]", ""));
            return bind.isLoopbackAddress() ? local.isLoopbackAddress() : bind.equals(local);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** True when only this machine can reach the sandbox. */
    boolean loopbackOnly() {
        return bind.isLoopbackAddress();
    }
}
