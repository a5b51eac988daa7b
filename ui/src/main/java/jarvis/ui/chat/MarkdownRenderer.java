package jarvis.ui.chat;

import atlantafx.base.theme.Styles;
import jarvis.ui.fx.Hints;
import java.util.List;
import java.util.regex.Pattern;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.commonmark.renderer.text.TextContentWriter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Turns Markdown into JavaFX nodes, built in code: headings, paragraphs, lists, tables, quotes, and code blocks
 * with a copy button. A reply still arriving is rendered again as it grows (once per frame at most), from its last
 * block on.
 */
public final class MarkdownRenderer {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
    private static final String RENDERED = "markdown-rendered";
    private static final Pattern LINK_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:", Pattern.MULTILINE);
    private static final String MONO = "monospace";
    /** Extra space between lines of a paragraph, in pixels: long replies read more easily with some air. */
    private static final double LINE_SPACING = 3;
    /** Room under a block that scrolls sideways, for its scroll bar. */
    private static final double SCROLL_BAR_ROOM = 12;
    private static final TextContentRenderer PLAIN = TextContentRenderer.builder()
            .nodeRendererFactory(context -> new InlineCodeAsIs(context.getWriter())).build();

    /** Renders {@code markdown} as a column of nodes. */
    public Node render(String markdown) {
        VBox page = new VBox(8);
        page.getStyleClass().add("markdown");
        renderInto(page, markdown);
        return page;
    }

    /**
     * Brings {@code page} up to date with {@code markdown}. When the text only grew (a reply streaming), the blocks
     * before the last one are finished and keep their nodes; only the text from the start of the last block on is
     * parsed and rendered again, so each update costs about one block however long the reply has become. Any other
     * change renders the whole text.
     */
    public void renderInto(VBox page, String markdown) {
        String text = markdown == null ? "" : markdown;
        Rendered before = page.getProperties().get(RENDERED) instanceof Rendered shown ? shown : Rendered.NOTHING;
        boolean grew = text.startsWith(before.text()) && before.finishedNodes() <= page.getChildren().size();
        // A link reference definition applies to the whole text, before and after it: once one appears, the text is
        // rendered whole at every update.
        boolean definitions = grew && before.definitions()
                || LINK_DEFINITION.matcher(text).region(grew ? before.finishedLength() : 0, text.length()).find();
        grew &= !definitions;
        int from = grew ? before.finishedLength() : 0;
        int finishedNodes = grew ? before.finishedNodes() : 0;
        page.getChildren().remove(finishedNodes, page.getChildren().size());
        String tail = text.substring(from);
        // Everything before the last block is finished: the next update starts parsing at the last block's line. A
        // block without a known start (a table) keeps the finished part where it was.
        int finishedLength = from;
        int finished = finishedNodes;
        int rendered = 0;
        for (org.commonmark.node.Node block = PARSER.parse(tail).getFirstChild(); block != null; block = block.getNext()) {
            Node node = block(block);
            page.getChildren().add(node == null ? new VBox() : node);
            int start = lineStart(tail, block);
            if (start >= 0) {
                finishedLength = from + start;
                finished = finishedNodes + rendered;
            }
            rendered++;
        }
        page.getProperties().put(RENDERED, new Rendered(text, finishedLength, finished, definitions));
    }

    /** How many characters of its Markdown {@code page} shows: 0 before its first render. */
    public static int shownLength(Node page) {
        return page.getProperties().get(RENDERED) instanceof Rendered shown ? shown.text().length() : 0;
    }

    /**
     * What a page shows: its text, how much of it (characters and nodes) belongs to blocks that are finished, and
     * whether it holds a link reference definition.
     */
    private record Rendered(String text, int finishedLength, int finishedNodes, boolean definitions) {
        static final Rendered NOTHING = new Rendered("", 0, 0, false);
    }

    /**
     * Where the line that starts {@code block} begins in {@code text}, when that is a safe place to start parsing
     * again: the start of the text, or a line after a blank line. Otherwise -1: a block that follows another without a
     * blank line can change it (a table takes the line above as its header), and a block the parser gave no place to
     * cannot be trusted.
     */
    private static int lineStart(String text, org.commonmark.node.Node block) {
        List<SourceSpan> spans = block.getSourceSpans();
        if (spans.isEmpty()) {
            return -1;
        }
        int index = Math.min(text.length(), spans.getFirst().getInputIndex());
        int start = text.lastIndexOf('\n', index - 1) + 1;
        if (start == 0) {
            return 0;
        }
        int previousLine = text.lastIndexOf('\n', start - 2) + 1;
        return text.substring(previousLine, start - 1).isBlank() ? start : -1;
    }

    private void blocks(org.commonmark.node.Node parent, Pane into) {
        for (org.commonmark.node.Node block = parent.getFirstChild(); block != null; block = block.getNext()) {
            Node rendered = block(block);
            if (rendered != null) {
                into.getChildren().add(rendered);
            }
        }
    }

    private Node block(org.commonmark.node.Node block) {
        return switch (block) {
            case Heading heading -> {
                TextFlow flow = inline(heading, heading.getLevel() <= 2 ? 20 - heading.getLevel() * 2 : 14, true);
                flow.getStyleClass().add("markdown-heading");
                yield flow;
            }
            case Paragraph paragraph -> inline(paragraph, 0, false);
            case BulletList list -> list(list, false, 1);
            case OrderedList list -> list(list, true, list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber());
            case FencedCodeBlock code -> codeBlock(code.getLiteral(), code.getInfo());
            case IndentedCodeBlock code -> codeBlock(code.getLiteral(), "");
            case BlockQuote quote -> {
                VBox box = new VBox(6);
                blocks(quote, box);
                box.setPadding(new Insets(2, 0, 2, 12));
                box.setStyle("-fx-border-color: transparent transparent transparent -color-border-default; -fx-border-width: 0 0 0 3;");
                yield box;
            }
            case ThematicBreak rule -> new Separator();
            case TableBlock table -> table(table);
            default -> {
                VBox box = new VBox(6);
                blocks(block, box);
                yield box.getChildren().isEmpty() ? null : box;
            }
        };
    }

    private Node list(org.commonmark.node.Node list, boolean ordered, int start) {
        VBox items = new VBox(4);
        int number = start;
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            Label marker = new Label(ordered ? number++ + "." : "•");
            marker.setMinWidth(22);
            VBox content = new VBox(4);
            blocks(item, content);
            HBox.setHgrow(content, Priority.ALWAYS);
            HBox row = new HBox(4, marker, content);
            row.setAlignment(Pos.TOP_LEFT);
            items.getChildren().add(row);
        }
        return items;
    }

    private Node codeBlock(String code, String language) {
        String text = code.endsWith("\n") ? code.substring(0, code.length() - 1) : code;
        Label body = new Label(text);
        body.setFont(Font.font(MONO, 13));
        body.setWrapText(false);
        body.getStyleClass().add("code-text");
        Label kind = new Label(language == null || language.isBlank() ? "code" : language.strip());
        kind.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Button copy = new Button("Copy", FontIcon.of(Feather.COPY));
        copy.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, "copy-code");
        copy.setOnAction(e -> {
            Hints.copy(text);
            copy.setText("Copied");
        });
        Pane spring = new Pane();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox header = new HBox(8, kind, spring, copy);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, header, wide(body));
        box.setPadding(new Insets(6, 10, 8, 10));
        box.getStyleClass().add("code-block");
        box.setStyle("-fx-background-color: -color-bg-subtle; -fx-background-radius: 6; -fx-border-color: -color-border-muted; -fx-border-radius: 6;");
        return box;
    }

    private Node table(TableBlock table) {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(4);
        grid.getStyleClass().add("markdown-table");
        int row = 0;
        for (org.commonmark.node.Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            boolean head = section instanceof TableHead;
            for (org.commonmark.node.Node line = section.getFirstChild(); line != null; line = line.getNext()) {
                if (!(line instanceof TableRow)) {
                    continue;
                }
                int column = 0;
                for (org.commonmark.node.Node cell = line.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell tableCell) {
                        grid.add(inline(tableCell, 0, head), column++, row);
                    }
                }
                row++;
            }
        }
        return wide(grid);
    }

    /**
     * A block that may be wider than the reply (a long line of code, a table of many columns) scrolls sideways on its
     * own, so that the reply around it always fits the chat's width.
     */
    private static ScrollPane wide(Node block) {
        ScrollPane scroller = new ScrollPane(block);
        scroller.getStyleClass().addAll("wide-block", "edge-to-edge");
        scroller.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // The whole block shows, with room below its last line for the sideways scroll bar.
        if (block instanceof Region region) {
            region.setPadding(new Insets(0, 0, SCROLL_BAR_ROOM, 0));
            scroller.minViewportHeightProperty().bind(region.heightProperty());
        }
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroller.setStyle("-fx-background-color: transparent; -fx-background: transparent;");
        scroller.setMinWidth(0);
        return scroller;
    }

    private TextFlow inline(org.commonmark.node.Node parent, double size, boolean bold) {
        TextFlow flow = new TextFlow();
        flow.setLineSpacing(LINE_SPACING);
        inlines(parent, flow, size, bold, false);
        return flow;
    }

    private void inlines(org.commonmark.node.Node parent, TextFlow flow, double size, boolean bold, boolean italic) {
        for (org.commonmark.node.Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
            switch (node) {
                case org.commonmark.node.Text text -> flow.getChildren().add(text(text.getLiteral(), size, bold, italic));
                case Emphasis emphasis -> inlines(emphasis, flow, size, bold, true);
                case StrongEmphasis strong -> inlines(strong, flow, size, true, italic);
                case Code code -> {
                    Label inlineCode = new Label(code.getLiteral());
                    inlineCode.setFont(Font.font(MONO, 13));
                    inlineCode.setStyle("-fx-background-color: -color-bg-subtle; -fx-padding: 0 3 0 3; -fx-background-radius: 3;");
                    flow.getChildren().add(inlineCode);
                }
                case Link link -> {
                    int before = flow.getChildren().size();
                    inlines(link, flow, size, bold, italic);
                    flow.getChildren().subList(before, flow.getChildren().size()).forEach(child -> {
                        if (child instanceof Text text) {
                            text.setUnderline(true);
                            text.getStyleClass().add("link");
                        }
                    });
                }
                case SoftLineBreak soft -> flow.getChildren().add(text(" ", size, bold, italic));
                case HardLineBreak hard -> flow.getChildren().add(text("\n", size, bold, italic));
                default -> inlines(node, flow, size, bold, italic);
            }
        }
    }

    /**
     * One run of text. Its family and size come from the theme, as the person's own messages do, so a reply never
     * reads smaller than what was typed; only weight, style and a heading's size are set here.
     */
    private static Text text(String content, double size, boolean bold, boolean italic) {
        Text text = new Text(content);
        text.getStyleClass().add("text");
        text.setStyle("-fx-fill: -color-fg-default;" + (bold ? " -fx-font-weight: bold;" : "") + (italic ? " -fx-font-style: italic;" : "")
                + (size > 0 ? " -fx-font-size: " + size + "px;" : ""));
        return text;
    }

    /** Inline code as its bare text in plain text (commonmark's text renderer would quote it). */
    private record InlineCodeAsIs(TextContentWriter writer) implements NodeRenderer {
        @Override
        public java.util.Set<Class<? extends org.commonmark.node.Node>> getNodeTypes() {
            return java.util.Set.of(Code.class);
        }

        @Override
        public void render(org.commonmark.node.Node node) {
            writer.write(((Code) node).getLiteral());
        }
    }

    /** The text of {@code markdown} without its marks, for copying as plain text. */
    public static String plainText(String markdown) {
        return PLAIN.render(PARSER.parse(markdown == null ? "" : markdown)).strip();
    }
}
