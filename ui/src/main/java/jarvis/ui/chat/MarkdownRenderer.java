package jarvis.ui.chat;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;
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
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Turns Markdown into JavaFX nodes, built in code: headings, paragraphs, lists, tables, quotes, and code blocks
 * with a copy button. A reply still arriving is rendered again as it grows (once per frame at most).
 */
public final class MarkdownRenderer {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
    private static final String SOURCES = "markdown-block-sources";
    private static final String MONO = "monospace";

    /** Renders {@code markdown} as a column of nodes. */
    public Node render(String markdown) {
        VBox page = new VBox(8);
        page.getStyleClass().add("markdown");
        renderInto(page, markdown);
        return page;
    }

    /**
     * Brings {@code page} up to date with {@code markdown}, re-rendering only the blocks whose source changed: as a
     * reply streams, the blocks before the last one keep their nodes, so each update costs about one block.
     */
    public void renderInto(VBox page, String markdown) {
        String text = markdown == null ? "" : markdown;
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) page.getProperties().computeIfAbsent(SOURCES, key -> new ArrayList<String>());
        List<org.commonmark.node.Node> blocks = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (org.commonmark.node.Node block = PARSER.parse(text).getFirstChild(); block != null; block = block.getNext()) {
            blocks.add(block);
            sources.add(source(text, block));
        }
        int kept = 0;
        while (kept < shown.size() && kept < sources.size() && shown.get(kept).equals(sources.get(kept))
                && kept < page.getChildren().size()) {
            kept++;
        }
        if (kept < page.getChildren().size()) {
            page.getChildren().remove(kept, page.getChildren().size());
        }
        List<String> now = new ArrayList<>(sources.subList(0, kept));
        for (int i = kept; i < blocks.size(); i++) {
            Node rendered = block(blocks.get(i));
            page.getChildren().add(rendered == null ? new VBox() : rendered);
            now.add(sources.get(i));
        }
        shown.clear();
        shown.addAll(now);
    }

    private static String source(String text, org.commonmark.node.Node block) {
        List<SourceSpan> spans = block.getSourceSpans();
        if (spans.isEmpty()) {
            return block.getClass().getSimpleName();
        }
        SourceSpan first = spans.getFirst();
        SourceSpan last = spans.getLast();
        int end = Math.min(text.length(), last.getInputIndex() + last.getLength());
        return text.substring(Math.min(first.getInputIndex(), end), end);
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
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        Pane spring = new Pane();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox header = new HBox(8, kind, spring, copy);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, header, body);
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
        return grid;
    }

    private TextFlow inline(org.commonmark.node.Node parent, double size, boolean bold) {
        TextFlow flow = new TextFlow();
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

    private static Text text(String content, double size, boolean bold, boolean italic) {
        Text text = new Text(content);
        text.getStyleClass().add("text");
        Font base = Font.getDefault();
        text.setFont(Font.font(base.getFamily(), bold ? FontWeight.BOLD : FontWeight.NORMAL,
                italic ? FontPosture.ITALIC : FontPosture.REGULAR, size > 0 ? size : base.getSize()));
        text.setStyle("-fx-fill: -color-fg-default;");
        return text;
    }
}
