package jarvis.cad.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import jarvis.cad.parts.Fit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A part against build volumes: as it lies, turned, too wide, too tall (which slicers let through), a round bed, inches. */
class FitTest {

    private static MeshAnalysis box(double x, double y, double z) {
        return new MeshAnalysis(0, 0, 0, x, y, z, 0, x * y * z, 12, 1, 0, 0, 0);
    }

    private static final Fit.Space MK3S = new Fit.Space("Prusa", 250, 210, 210, false);

    @Test
    void aPartFitsAsItLiesTurnedOrNotAtAll() {
        assertThat(Fit.check(box(250, 210, 210), Mesh.Units.MILLIMETRE, MK3S).verdict()).as("edge to edge").isEqualTo(Fit.Verdict.FITS);
        Fit turned = Fit.check(box(200, 240, 20), Mesh.Units.MILLIMETRE, MK3S);
        assertThat(turned.verdict()).isEqualTo(Fit.Verdict.FITS_TURNED);
        assertThat(turned.words()).contains("turned a quarter");
        Fit wide = Fit.check(box(260, 100, 10), Mesh.Units.MILLIMETRE, MK3S);
        assertThat(wide.verdict()).isEqualTo(Fit.Verdict.TOO_WIDE);
        assertThat(wide.fits()).isFalse();
        Fit tall = Fit.check(box(20, 20, 215), Mesh.Units.MILLIMETRE, MK3S);
        assertThat(tall.verdict()).isEqualTo(Fit.Verdict.TOO_TALL);
        assertThat(tall.words()).contains("215.0 mm high", "210 mm");
    }

    @Test
    void unitsAndRoundBedsAreTakenIntoAccount() {
        // 9 × 9 × 1 inches is 228.6 mm square: on the MK3S only turned does not help, it is too deep both ways.
        assertThat(Fit.check(box(9, 9, 1), Mesh.Units.INCH, MK3S).verdict()).isEqualTo(Fit.Verdict.TOO_WIDE);
        assertThat(Fit.check(box(9, 8, 1), Mesh.Units.INCH, MK3S).verdict()).isEqualTo(Fit.Verdict.FITS);
        Fit.Space delta = new Fit.Space("Kossel", 200, 200, 300, true);
        assertThat(Fit.check(box(140, 140, 50), Mesh.Units.MILLIMETRE, delta).verdict()).isEqualTo(Fit.Verdict.FITS);
        assertThat(Fit.check(box(150, 150, 50), Mesh.Units.MILLIMETRE, delta).verdict()).as("its corners leave the circle")
                .isEqualTo(Fit.Verdict.TOO_WIDE);
    }

    @Test
    void thePlateIsOutlinedAsSlicersTakeIt() {
        assertThat(MK3S.outline()).containsExactly("0x0", "250x0", "250x210", "0x210");
        List<String> round = new Fit.Space("Delta", 200, 200, 300, true).outline();
        assertThat(round).hasSize(48).as("around the centre, where a delta has its origin").contains("100x0", "0x100", "-100x0", "0x-100");
        assertThat(Fit.Space.number(219.996)).isEqualTo("220");
        assertThat(Fit.Space.number(-0.001)).isEqualTo("0");
    }
}
