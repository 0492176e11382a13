package dev.ascent.patchrunner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {

    static final List<String> RULESET = List.of("amd64", "arm64", "riscv64");

    @Test
    void theRulesetsArchitecturesUnlessConfiguredInTheirOrder() {
        Settings s = Settings.of(List.of("Python/CPython"), List.of(), RULESET, List.of("riscv64"));
        assertEquals(Set.of("python/cpython"), s.repositories());
        assertEquals(RULESET, s.architectures());
        assertTrue(s.isInformational("riscv64"));
        Settings own = Settings.of(List.of("python/cpython"), List.of("arm64", "AMD64"), RULESET, List.of("riscv64"));
        assertEquals(List.of("arm64", "amd64"), own.architectures());
        assertEquals(Set.of(), own.informational());
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> Settings.of(List.of("cpython"), List.of(), RULESET,
                List.of()));
        assertThrows(IllegalArgumentException.class, () -> Settings.of(List.of(), List.of(), RULESET, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Settings.of(List.of("python/cpython"),
                List.of("amd64", "amd64"), RULESET, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Settings.of(List.of("python/cpython"),
                List.of("amd 64"), RULESET, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Settings.of(List.of("python/cpython"), List.of(),
                List.of(), List.of()));
        var e = assertThrows(IllegalArgumentException.class, () -> Settings.of(List.of("python/cpython"),
                List.of("riscv64"), RULESET, List.of("riscv64")));
        assertTrue(e.getMessage().contains("informational"), e.getMessage());
    }
}
