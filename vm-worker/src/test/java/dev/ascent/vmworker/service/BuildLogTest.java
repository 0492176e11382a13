package dev.ascent.vmworker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuildLogTest {

    @Test
    void readsTheModulesSetupPyCouldNotBuild() {
        String log = """
                gcc -pthread -shared build/temp.linux-x86_64-3.11/tmp/job/cpython/Modules/_json.o -o _json.so

                The necessary bits to build these optional modules were not found:
                _tkinter
                To find the necessary bits, look in setup.py in detect_modules() for the module's name.

                Failed to build these modules:
                pyexpat               _elementtree

                running build_scripts
                """;
        assertEquals(List.of("pyexpat", "_elementtree"), BuildLog.failedModules(log));
        assertEquals(List.of(), BuildLog.failedModules("make: Nothing to be done for 'all'.\n"));
    }
}
