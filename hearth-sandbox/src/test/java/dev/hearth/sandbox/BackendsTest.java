package dev.hearth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void findsBackendsByName() {
        assertThat(Backends.named("host").name()).isEqualTo("host");
        assertThat(Backends.named("bwrap").name()).isEqualTo("bwrap");
        assertThat(Backends.all()).extracting(SandboxBackend::name).containsExactly("host", "bwrap", "qemu", "firecracker", "fcctl");
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Backends.named("nosuch")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown sandbox backend 'nosuch'; known backends: host, bwrap, qemu, firecracker, fcctl");
    }

    @Test
    void prefersBwrapWhenItWorks() {
        boolean bwrapWorks = Backends.named("bwrap").availability().available();
        assertThat(Backends.preferred().name()).isEqualTo(bwrapWorks ? "bwrap" : "host");
    }

    @Test
    void hostIsAvailableAndSaysItIsolatesNothing() {
        Availability host = Backends.named("host").availability();
        assertThat(host.available()).isTrue();
        assertThat(host.reason()).contains("without isolation");
    }
}
