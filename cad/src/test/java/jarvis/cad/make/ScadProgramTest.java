package jarvis.cad.make;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScadProgramTest {

    private static final ScadProgram CLIP = ScadProgram.of("""
            length = 40; // [10:200] the clip's length
            cable = 6.5;
            wall=2;
            assert(length == 40, "length is 40 mm");
            assert(cable == 6.5);
            assert(wall == 2,
                   str("walls (of ", wall, " mm) print"));
            assert(wall >= 1.2, "walls under 1.2 mm do not print");
            assert(length > 0) translate([0, 0, 8]) cube([length, 1, 1]);
            module clip(length) {
              inner = 3;
              cube([length, cable + 2 * wall, 8]);
            }
            clip(length);
            """);

    @Test
    void parametersAreTheTopLevelNumbersWithTheirRanges() {
        assertThat(CLIP.parameters()).extracting(ScadProgram.Parameter::name).containsExactly("length", "cable", "wall");
        assertThat(CLIP.parameters().get(0).min()).hasValue(10.0);
        assertThat(CLIP.parameters().get(0).max()).hasValue(200.0);
        assertThat(CLIP.parameters().get(1).value()).isEqualTo(6.5);
        assertThat(CLIP.parameters().get(1).min()).isEqualTo(Optional.empty());
    }

    @Test
    void aChangedValueIsWrittenIntoTheProgramAndItsAssertionGoes() {
        ScadProgram longer = CLIP.with(Map.of("length", 55.0, "cable", 6.5));

        assertThat(longer.source()).startsWith("length = 55; // [10:200] the clip's length\ncable = 6.5;\nwall=2;\n")
                .doesNotContain("assert(length == 40").contains("assert(cable == 6.5);").contains("module clip(length) {\n  inner = 3;")
                .endsWith("clip(length);\n");
        assertThat(longer.parameters().get(0).value()).isEqualTo(55.0);
        assertThat(longer.parameters().get(0).max()).as("the range stays").hasValue(200.0);
        assertThat(CLIP.with(Map.of("wall", 1.25)).source()).contains("wall = 1.25;").contains("assert(length == 40");
    }

    @Test
    void anAssertionOverSeveralLinesGoesWhole() {
        String thinner = CLIP.with(Map.of("wall", 1.5)).source();

        assertThat(thinner).doesNotContain("wall == 2").doesNotContain("print\"));").contains("wall = 1.5;\nassert(length == 40")
                .contains("assert(cable == 6.5);\nassert(wall >= 1.2");
        assertThat(CLIP.with(Map.of("length", 50.0)).source()).contains("assert(wall == 2,\n       str(\"walls (of \", wall, \" mm) print\"));\nassert");
    }

    @Test
    void boundsAndAssertionsWithAChildStay() {
        String changed = CLIP.with(Map.of("wall", 1.0, "length", 20.0)).source();

        assertThat(changed).as("a bound is the person's limit: OpenSCAD refuses a change that breaks it")
                .contains("assert(wall >= 1.2, \"walls under 1.2 mm do not print\");")
                .as("an assertion with a child holds geometry").contains("assert(length > 0) translate([0, 0, 8]) cube([length, 1, 1]);")
                .doesNotContain("length == 40").doesNotContain("wall == 2");
        assertThat(ScadProgram.of("size = 10;\nassert(abs(size - 10) < 0.01);\nassert(size == 12);\ncube(size);\n").with(Map.of("size", 11.0)).source())
                .as("only the old value is pinned").isEqualTo("size = 11;\nassert(size == 12);\ncube(size);\n");
    }

    @Test
    void everyWayAModelPinsASizeGoesAndOnlyThatPartOfACondition() {
        ScadProgram pinned = ScadProgram.of("""
                len = 40;
                cable = 6;
                eps = 0.01;
                assert(abs(len - 40) < eps);
                assert(abs(40 - len) <= 0.01, "40 mm");
                assert((len == 40) && cable == 6, "sizes as asked");
                assert(len >= 40 - 0.01 && len <= 40 + 0.01);
                assert(len == 40 || cable == 6);
                assert(len > cable * 2 && len == 40);
                assert(len >= 40 - 2 * cable);
                cube([len, cable, 2]);
                """);

        String changed = pinned.with(Map.of("len", 50.0)).source();

        assertThat(changed).doesNotContain("abs(", "len >= 40 - 0.01", "len <= 40")
                .as("one side alone is a limit").contains("assert(len >= 40 - 2 * cable);")
                .contains("assert(cable == 6, \"sizes as asked\");", "assert(len > cable * 2);")
                .as("an || is not taken apart").contains("assert(len == 40 || cable == 6);");
        assertThat(pinned.with(Map.of("cable", 7.0)).source()).contains("assert((len == 40), \"sizes as asked\");",
                "assert(abs(len - 40) < eps);");
    }

    @Test
    void aParameterTheProgramDoesNotHaveIsRefusedByName() {
        assertThatThrownBy(() -> CLIP.with(Map.of("inner", 4.0))).hasMessageContaining("no parameter 'inner'").hasMessageContaining("length");
    }

    @Test
    void numbersAreWrittenAsOpenScadReadsThem() {
        assertThat(ScadProgram.number(40)).isEqualTo("40");
        assertThat(ScadProgram.number(-2.5)).isEqualTo("-2.5");
    }
}
