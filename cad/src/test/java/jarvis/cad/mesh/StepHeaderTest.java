package jarvis.cad.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * STEP headers as CAD systems write them. The first is shaped like FreeCAD's (Open CASCADE) AP214 output, the second
 * like a SolidWorks AP203 export in inches with an escaped name; each keeps the real files' quirks: CRLF, comments,
 * doubled quotes, complex unit entities spread over lines.
 */
class StepHeaderTest {

    private static final String FREECAD = """
            ISO-10303-21;
            HEADER;
            FILE_DESCRIPTION(('FreeCAD Model'),'2;1');
            FILE_NAME('/home/maker/parts/bracket
            /v2/bracket.step','2024-03-02T10:41:12',('Author'),(
                ''),'Open CASCADE STEP processor 7.6','FreeCAD','Unknown');
            FILE_SCHEMA(('AUTOMOTIVE_DESIGN { 1 0 10303 214 1 1 1 1 }'));
            ENDSEC;
            DATA;
            #1 = APPLICATION_PROTOCOL_DEFINITION('international standard',
              'automotive_design',2000,#2);
            #2 = APPLICATION_CONTEXT(
              'core data for automotive mechanical design processes');
            #3 = SHAPE_DEFINITION_REPRESENTATION(#4,#10);
            #7 = PRODUCT('Bracket','Bracket','',(#8));
            /* a comment; with a semicolon in it */
            #20 = ( GEOMETRIC_REPRESENTATION_CONTEXT(3)
            GLOBAL_UNCERTAINTY_ASSIGNED_CONTEXT((#24)) GLOBAL_UNIT_ASSIGNED_CONTEXT(
            (#21,#22,#23)) REPRESENTATION_CONTEXT('Context #1',
              '3D Context with UNIT and UNCERTAINTY') );
            #21 = ( LENGTH_UNIT() NAMED_UNIT(*) SI_UNIT(.MILLI.,.METRE.) );
            #22 = ( NAMED_UNIT(*) PLANE_ANGLE_UNIT() SI_UNIT($,.RADIAN.) );
            #30 = PRODUCT('Bolt M3','Bolt M3','',(#8));
            ENDSEC;
            END-ISO-10303-21;
            """;

    private static final String SOLIDWORKS = """
            ISO-10303-21;
            HEADER;
            FILE_DESCRIPTION (( 'STEP AP203' ),'1' );
            FILE_NAME ('Mount''s plate.STEP','2023-11-20T09:12:44',( '' ),( '' ),'SwSTEP 2.0','SolidWorks 2022','' );
            FILE_SCHEMA (( 'CONFIG_CONTROL_DESIGN' ));
            ENDSEC;
            DATA;
            #40 =( LENGTH_UNIT ( ) NAMED_UNIT ( * ) SI_UNIT ( $, .METRE. ) );
            #41 =( CONVERSION_BASED_UNIT ( 'INCH', #88 ) LENGTH_UNIT ( ) NAMED_UNIT ( #12 ) );
            #88 = LENGTH_MEASURE_WITH_UNIT ( LENGTH_MEASURE ( 0.02540000000000000 ), #40 );
            #90 =( GEOMETRIC_REPRESENTATION_CONTEXT ( 3 ) GLOBAL_UNCERTAINTY_ASSIGNED_CONTEXT ( ( #91 ) )
              GLOBAL_UNIT_ASSIGNED_CONTEXT ( ( #41, #92, #93 ) ) REPRESENTATION_CONTEXT ( 'NONE', 'WORKASPACE' ) );
            #55 = PRODUCT ( 'Gr\\X2\\00FC\\X0\\n plate', 'Gr\\X2\\00FC\\X0\\n plate', '', ( #3 ) ) ;
            ENDSEC;
            END-ISO-10303-21;
            """;

    @Test
    void aFreeCadHeaderGivesItsSchemaUnitsAndProducts() throws Exception {
        StepHeader header = StepHeader.read(FREECAD.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1), "bracket.step");

        assertThat(header.schema()).isEqualTo("AUTOMOTIVE_DESIGN");
        assertThat(header.name()).as("a line break inside a string is not part of it").isEqualTo("/home/maker/parts/bracket/v2/bracket.step");
        assertThat(header.originatingSystem()).isEqualTo("FreeCAD");
        assertThat(header.units()).contains(Mesh.Units.MILLIMETRE);
        assertThat(header.products()).containsExactly("Bracket", "Bolt M3");
    }

    @Test
    void aSolidWorksHeaderInInchesWithEscapesIsDecoded() throws Exception {
        StepHeader header = StepHeader.read(SOLIDWORKS.getBytes(StandardCharsets.ISO_8859_1), "plate.step");

        assertThat(header.name()).isEqualTo("Mount's plate.STEP");
        assertThat(header.schema()).isEqualTo("CONFIG_CONTROL_DESIGN");
        assertThat(header.units()).isEqualTo(Optional.of(Mesh.Units.INCH));
        assertThat(header.products()).containsExactly("Grün plate");
    }

    @Test
    void aCadQueryFileInMetresByConversionAndARawUtf8NameAreRead() throws Exception {
        // Shaped like cadquery's tests/testdata/red_cube_blue_cylinder.step (a 'METRE' conversion-based unit) and OCCT's
        // data/step/bug31670_russian.stp (SolidWorks writing its name in raw UTF-8).
        String step = """
                ISO-10303-21;
                HEADER;
                FILE_DESCRIPTION (( 'STEP AP214' ), '1' );
                FILE_NAME ('Сборка1.STEP', '2020-07-11T15:51:05', ( 'AlexHome' ), ( '' ), 'SwSTEP 2.0', 'SolidWorks 2017', '' );
                FILE_SCHEMA (( 'AUTOMOTIVE_DESIGN' ));
                ENDSEC;
                DATA;
                #64=(LENGTH_UNIT()NAMED_UNIT(*)SI_UNIT($,.METRE.));
                #65=LENGTH_MEASURE_WITH_UNIT(LENGTH_MEASURE(1.),#64);
                #66=(CONVERSION_BASED_UNIT('METRE',#65)LENGTH_UNIT()NAMED_UNIT(#68));
                #70=(GEOMETRIC_REPRESENTATION_CONTEXT(3)GLOBAL_UNCERTAINTY_ASSIGNED_CONTEXT((#71))GLOBAL_UNIT_ASSIGNED_CONTEXT((#66,#72,#73))REPRESENTATION_CONTEXT('',''));
                #80=PRODUCT('cube','cube','',(#81));
                ENDSEC;
                END-ISO-10303-21;
                """;
        StepHeader header = StepHeader.read(step.getBytes(StandardCharsets.UTF_8), "assembly.step");

        assertThat(header.name()).isEqualTo("Сборка1.STEP");
        assertThat(header.units()).contains(Mesh.Units.METRE);
        assertThat(header.products()).containsExactly("cube");
    }

    @Test
    void notStepOrCutShortIsSaid() {
        assertThatThrownBy(() -> StepHeader.read("solid cube\nendsolid\n".getBytes(StandardCharsets.US_ASCII), "cube.step"))
                .isInstanceOf(MeshException.class).hasMessageContaining("does not begin with ISO-10303-21");
        String cut = FREECAD.substring(0, FREECAD.indexOf("#30 = PRODUCT('Bolt") + 12);
        assertThatThrownBy(() -> StepHeader.read(cut.getBytes(StandardCharsets.ISO_8859_1), "cut.step")).hasMessageContaining("cut short");
        assertThatThrownBy(() -> StepHeader.read("ISO-10303-21;\nHEADER;\nENDSEC;\nEND-ISO-10303-21;\n".getBytes(StandardCharsets.US_ASCII),
                "bare.step")).hasMessageContaining("no FILE_SCHEMA");
    }
}
