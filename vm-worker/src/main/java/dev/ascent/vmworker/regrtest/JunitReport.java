package dev.ascent.vmworker.regrtest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads regrtest's {@code --junit-xml} file: one unnamed {@code <testsuite>} per module, in completion order, whose
 * test cases are named by their unittest id ({@code test.test_json.TestPyTest.test_pyjson}). Gives the failing test
 * cases with their tracebacks and each module's summed test time. The file is written by patched, untrusted code:
 * no DTDs, no external entities.
 */
public final class JunitReport {

    private static final Pattern MODULE = Pattern.compile("^test\\.(test_\\w+)");

    private final List<CaseFailure> failures;
    private final Map<String, Duration> durations;

    private JunitReport(List<CaseFailure> failures, Map<String, Duration> durations) {
        this.failures = List.copyOf(failures);
        this.durations = Map.copyOf(durations);
    }

    /** An empty report, for a run that wrote none (it was killed, or nothing ran). */
    public static JunitReport empty() {
        return new JunitReport(List.of(), Map.of());
    }

    /** Parses the XML; a file that is not well-formed is an {@link IllegalArgumentException}. */
    public static JunitReport parse(byte[] xml) {
        Element root;
        try {
            root = builder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("regrtest's JUnit XML is not readable: " + e.getMessage(), e);
        }
        List<CaseFailure> failures = new ArrayList<>();
        Map<String, Duration> durations = new LinkedHashMap<>();
        NodeList suites = root.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element suite = (Element) suites.item(i);
            List<Element> cases = children(suite, "testcase");
            String module = moduleOf(cases);
            double seconds = 0;
            for (Element c : cases) {
                seconds += parseSeconds(c.getAttribute("time"));
                for (String kind : List.of("failure", "error")) {
                    for (Element f : children(c, kind)) {
                        failures.add(new CaseFailure(module, c.getAttribute("name"), kind,
                                f.getAttribute("message").strip(), f.getTextContent().strip()));
                    }
                }
            }
            if (!module.isEmpty()) {
                durations.merge(module, Duration.ofMillis(Math.round(seconds * 1000)), Duration::plus);
            }
        }
        return new JunitReport(failures, durations);
    }

    /** The failing test cases, in the order the file lists them. */
    public List<CaseFailure> failures() {
        return failures;
    }

    /** The failing test cases of one module. */
    public List<CaseFailure> failures(String module) {
        return failures.stream().filter(f -> f.module().equals(module)).toList();
    }

    /** A module's summed test-case time, or null when the file has no suite for it. */
    public Duration duration(String module) {
        return durations.get(module);
    }

    private static String moduleOf(List<Element> cases) {
        for (Element c : cases) {
            Matcher m = MODULE.matcher(c.getAttribute("name"));
            if (m.find()) {
                return m.group(1);
            }
        }
        return "";
    }

    private static double parseSeconds(String s) {
        try {
            return s.isEmpty() ? 0 : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
