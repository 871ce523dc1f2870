package io.happy3.adapter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BindGuardTest {
    @Test
    void allows_defaultLoopbackBind_onlyConnectionsArrivingOnLoopback() {
        BindGuard guard = new BindGuard("127.0.0.1");

        assertThat(guard.allows("127.0.0.1")).isTrue();
        assertThat(guard.allows("127.0.1.1")).isTrue();
        assertThat(guard.allows("::1")).isTrue();
        assertThat(guard.allows("[0:0:0:0:0:0:0:1]")).isTrue();
        assertThat(guard.allows("192.0.2.2")).isFalse();
        assertThat(guard.allows("fd00::2")).isFalse();
        assertThat(guard.allows("")).isFalse();
        assertThat(guard.loopbackOnly()).isTrue();
    }

    @Test
    void allows_anyAddressBind_everyone() {
        assertThat(new BindGuard("0.0.0.0").allows("192.0.2.2")).isTrue();
        assertThat(new BindGuard("0.0.0.0").loopbackOnly()).isFalse();
    }

    @Test
    void allows_oneNetworkAddress_exactlyThatOne() {
        BindGuard guard = new BindGuard("192.0.2.2");

        assertThat(guard.allows("192.0.2.2")).isTrue();
        assertThat(guard.allows("192.0.2.3")).isFalse();
        assertThat(guard.allows("127.0.0.1")).isFalse();
    }
}
