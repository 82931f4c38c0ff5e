package jp.horenso.escalation.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.horenso.escalation.chain.validation.ChainError;
import jp.horenso.escalation.chain.validation.ChainValidator;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.seed.SeedDocument;
import org.junit.jupiter.api.Test;

/** The chain as data: the demo city's seeded chain, and what a broken chain document is refused for. */
class ChainTest {

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void demoCityChainStartsByTheReportersRole() throws Exception {
        Chain chain = Chain.of("demo-city", 1, demoCity().chain());

        assertEquals(List.of("section-chief"), chain.startSteps(List.of("staff")));
        assertEquals(
                List.of("department-head", "security-lead", "prefecture"),
                chain.startSteps(List.of("staff", "section-chief")));
        assertEquals(List.of("ciso", "security-lead"), chain.startSteps(List.of("section-chief", "department-head")));
        assertEquals(List.of("ciso", "department-head", "section-chief"), chain.startSteps(List.of("csirt")));
        assertEquals(
                List.of("department-head", "security-lead"),
                chain.step("section-chief").orElseThrow().onTimeout());
        assertEquals(List.of("ciso"), chain.step("security-lead").orElseThrow().onTimeout());
        // 第43条2項: the section chief's acknowledgement forwards to the head, the security lead and the outside
        // body at once; the head's and the security lead's forward nothing (the CISO only on 重大, 第43条3項).
        assertEquals(
                List.of("department-head", "security-lead", "prefecture"),
                chain.step("section-chief").orElseThrow().onAcknowledge());
        assertTrue(chain.step("department-head")
                .orElseThrow()
                .onAcknowledgeOrNone()
                .isEmpty());
        assertTrue(
                chain.step("security-lead").orElseThrow().onAcknowledgeOrNone().isEmpty());
        assertEquals("prefecture", chain.step("prefecture").orElseThrow().outsideBody());
        assertEquals(
                List.of("department-head", "security-lead", "prefecture"), chain.startSteps(List.of("section-chief")));
        assertTrue(chain.step("ciso").orElseThrow().onTimeout().isEmpty());
    }

    @Test
    void immediatelyIsTheConfiguredDurationAndOtherwiseTheWrittenOne() {
        Duration immediate = Duration.ofMinutes(15);
        assertEquals(immediate, Chain.ackWithin(step("a", "immediately"), immediate));
        assertEquals(Duration.ofHours(1), Chain.ackWithin(step("a", "PT1H"), immediate));
    }

    @Test
    void brokenChainDocumentsAreRefused() {
        ChainDocument.StartRule staff = new ChainDocument.StartRule(null, List.of("a"));
        assertThrows(
                IllegalArgumentException.class,
                () -> Chain.of("x", 1, new ChainDocument(List.of(staff), List.of(step("a", "soon")))),
                "ackWithin neither duration nor word");
        assertThrows(
                IllegalArgumentException.class,
                () -> Chain.of(
                        "x",
                        1,
                        new ChainDocument(
                                List.of(staff),
                                List.of(new ChainDocument.Step("a", Position.CISO, "PT1M", List.of("nowhere"))))),
                "unknown step");
        assertThrows(
                IllegalArgumentException.class,
                () -> Chain.of(
                        "x",
                        1,
                        new ChainDocument(
                                List.of(new ChainDocument.StartRule("section-chief", List.of("a"))),
                                List.of(step("a", "PT1M")))),
                "no default start rule");
        assertThrows(
                IllegalArgumentException.class,
                () -> Chain.of(
                        "x", 1, new ChainDocument(List.of(staff), List.of(step("a", "PT1M"), step("a", "PT2M")))),
                "duplicate id");
    }

    @Test
    void article43_2_onAcknowledgeIsValidatedLikeOnTimeout() {
        ChainDocument.StartRule staff = new ChainDocument.StartRule(null, List.of("a"));
        // An unknown step is named where it is.
        List<String> unknown = ChainValidator.structural(new ChainDocument(
                        List.of(staff),
                        List.of(
                                new ChainDocument.Step(
                                        "a",
                                        Position.SECTION_CHIEF,
                                        null,
                                        "PT5M",
                                        List.of(),
                                        null,
                                        null,
                                        null,
                                        List.of("b", "nowhere")),
                                step("b", "PT5M"))))
                .stream()
                .map(ChainError::field)
                .toList();
        assertEquals(List.of("steps[0].onAcknowledge[1]"), unknown);
        // A cycle through an acknowledgement and a time-out is found.
        List<ChainError> cycle = ChainValidator.structural(new ChainDocument(
                List.of(staff),
                List.of(
                        new ChainDocument.Step(
                                "a", Position.SECTION_CHIEF, null, "PT5M", List.of(), null, null, null, List.of("b")),
                        new ChainDocument.Step("b", Position.DEPARTMENT_HEAD, "PT5M", List.of("a")))));
        assertEquals(
                List.of("steps[1].onTimeout[0]"),
                cycle.stream().map(ChainError::field).toList());
        assertTrue(
                cycle.get(0).message().in(java.util.Locale.ENGLISH).contains("a → b → a"),
                cycle.get(0).message().in(java.util.Locale.ENGLISH));
        List<ChainError> ackCycle = ChainValidator.structural(new ChainDocument(
                List.of(staff),
                List.of(
                        new ChainDocument.Step("a", Position.SECTION_CHIEF, "PT5M", List.of("b")),
                        new ChainDocument.Step(
                                "b",
                                Position.DEPARTMENT_HEAD,
                                null,
                                "PT5M",
                                List.of(),
                                null,
                                null,
                                null,
                                List.of("a")))));
        assertEquals(
                List.of("steps[1].onAcknowledge[0]"),
                ackCycle.stream().map(ChainError::field).toList());
        // A step reached only by an acknowledgement is reachable.
        assertTrue(ChainValidator.structural(new ChainDocument(
                        List.of(staff),
                        List.of(
                                new ChainDocument.Step(
                                        "a",
                                        Position.SECTION_CHIEF,
                                        null,
                                        "PT5M",
                                        List.of(),
                                        null,
                                        null,
                                        null,
                                        List.of("b")),
                                step("b", "PT5M"))))
                .isEmpty());
    }

    private static ChainDocument.Step step(String id, String ackWithin) {
        return new ChainDocument.Step(id, Position.CISO, ackWithin, List.of());
    }

    private static SeedDocument demoCity() throws Exception {
        try (InputStream in = ChainTest.class.getClassLoader().getResourceAsStream("seed/demo-city.yaml")) {
            return YAML.readValue(in, SeedDocument.class);
        }
    }

    @Test
    void validatorNamesEveryProblemAndWhereItIs() {
        ChainDocument document = new ChainDocument(
                Map.of("URGENT", "PT1M"),
                List.of(new ChainDocument.StartRule(null, List.of("a"))),
                List.of(new ChainDocument.Condition("WHEN_POSSIBLE", null, List.of("a"))),
                List.of(new ChainDocument.OutsideBody("police", new ChainDocument.Name("警察", null), "not-mail", null)),
                List.of(
                        new ChainDocument.Step("a", Position.SECTION_CHIEF, "PT5M", List.of("b")),
                        new ChainDocument.Step("b", Position.DEPARTMENT_HEAD, "PT5M", List.of("a")),
                        new ChainDocument.Step("c", null, "police", "PT5M", null, null, null, null),
                        new ChainDocument.Step(
                                "d",
                                Position.CISO,
                                null,
                                "PT5M",
                                null,
                                new ChainDocument.Repeat(0, "PT1M"),
                                null,
                                null)));

        List<String> fields = ChainValidator.structural(document).stream()
                .map(ChainError::field)
                .toList();

        assertEquals(
                List.of(
                        "outsideBodies[0].email",
                        "steps[2]",
                        "steps[3].repeat.times",
                        "immediately.URGENT",
                        "conditions[0].when",
                        "steps[1].onTimeout[0]",
                        "steps[2]",
                        "steps[3]"),
                fields);
    }
}
