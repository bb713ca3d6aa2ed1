using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Nianbao.Domain;
using Nianbao.Rendering.Layout;
using Table = DocumentFormat.OpenXml.Wordprocessing.Table;
using TableLayout = Nianbao.Rendering.Layout.TableLayout;
using WordTableLayout = DocumentFormat.OpenXml.Wordprocessing.TableLayout;

namespace Nianbao.Rendering;

/// <summary>
/// A report as a Word document in the usual 公文 page set-up (A4, 仿宋_GB2312 三号 body), with the
/// three tables built the way Word builds merged tables: an explicit grid, <c>gridSpan</c> for
/// column merges and <c>vMerge</c> restart/continue cells for row merges, so Word and WPS open it
/// without repair and readers that expand merges see the official grid.
/// </summary>
public sealed class DocxRenderer : IReportRenderer
{
    public string Extension => "docx";

    // A4 with the 公文 margins (GB/T 9704: 37 mm top, 28 mm left, text block 156 × 225 mm).
    private const int PageWidth = 11906, PageHeight = 16838;
    private const int MarginTop = 2098, MarginBottom = 1984, MarginLeft = 1588, MarginRight = 1474;
    internal const int TextWidth = PageWidth - MarginLeft - MarginRight;

    private const string BodyFont = "仿宋_GB2312";
    private const string TitleFont = "宋体";
    private const string HeadingFont = "黑体";
    private const string TableFont = "宋体";
    private const string DigitFont = "Times New Roman";

    private const int BodySize = 32;   // 三号 16 pt, in half-points
    private const int TitleSize = 44;  // 二号 22 pt
    private const int TableSize = 21;  // 五号 10.5 pt
    private const int NoteSize = 18;   // 小五 9 pt

    public byte[] Render(Report report)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var title = ReportText.Title(report);
            doc.PackageProperties.Title = title;
            doc.PackageProperties.Creator = report.Agency ?? "nianbao";
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            AddFontTable(main);
            var body = new Body();
            body.Append(Para(title, TitleFont, TitleSize, bold: true, JustificationValues.Center, firstLineIndent: false, spacingAfter: 320));
            foreach (var section in ReportText.Sections(report))
            {
                body.Append(Para(section.Heading, HeadingFont, BodySize, bold: false, JustificationValues.Both, firstLineIndent: true, keepNext: true));
                foreach (var p in section.Paragraphs)
                    body.Append(Para(p, BodyFont, BodySize, bold: false, JustificationValues.Both, firstLineIndent: true));
                if (section.Placeholder is { } ph)
                    body.Append(Para(ph, BodyFont, BodySize, bold: true, JustificationValues.Both, firstLineIndent: true, color: "C00000"));
                if (section.Table is { } kind)
                {
                    var values = report.Table(kind);
                    if (values is null)
                        body.Append(Para(ReportText.MissingTable, BodyFont, BodySize, bold: true, JustificationValues.Both, firstLineIndent: true, color: "C00000"));
                    else
                    {
                        body.Append(BuildTable(NationalTables.For(values)));
                        // Word needs a paragraph between a table and what follows to keep them apart.
                        body.Append(Para("", BodyFont, TableSize, bold: false, JustificationValues.Left, firstLineIndent: false));
                    }
                    // The optional fee-collection table follows table 四, where the 2025 reports print it
                    // (as the HTML and Markdown renderers place it); a report without it prints nothing.
                    if (kind == TableKind.ReviewsAndLawsuits && report.FeeCollection is { } fee)
                    {
                        body.Append(Para(ReportText.FeeCollectionCaption, HeadingFont, BodySize, bold: false, JustificationValues.Both, firstLineIndent: true, keepNext: true));
                        body.Append(BuildFeeTable(fee));
                        body.Append(Para("", BodyFont, TableSize, bold: false, JustificationValues.Left, firstLineIndent: false));
                    }
                }
            }
            if (report.PublishedOn is { } date)
            {
                body.Append(Para(report.Agency ?? "", BodyFont, BodySize, bold: false, JustificationValues.Right, firstLineIndent: false));
                body.Append(Para(ReportText.Date(date), BodyFont, BodySize, bold: false, JustificationValues.Right, firstLineIndent: false));
            }
            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = AddPageNumberFooter(main) },
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 851, Footer = 992, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static RunFonts FontsFor(string eastAsia, string? latin = null) => new()
    {
        Ascii = latin ?? eastAsia,
        HighAnsi = latin ?? eastAsia,
        EastAsia = eastAsia,
        ComplexScript = latin ?? eastAsia,
        Hint = FontTypeHintValues.EastAsia,
    };

    private static Run TextRun(string text, string font, int halfPoints, bool bold, string? color = null, string? latin = null)
    {
        var props = new RunProperties
        {
            RunFonts = FontsFor(font, latin),
            Bold = bold ? new Bold() : null,
            BoldComplexScript = bold ? new BoldComplexScript() : null,
            Color = color is null ? null : new Color { Val = color },
            FontSize = new FontSize { Val = halfPoints.ToString() },
            FontSizeComplexScript = new FontSizeComplexScript { Val = halfPoints.ToString() },
        };
        return new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static Paragraph Para(string text, string font, int halfPoints, bool bold, JustificationValues align, bool firstLineIndent,
        int spacingAfter = 0, bool keepNext = false, string? color = null)
    {
        var props = new ParagraphProperties
        {
            KeepNext = keepNext ? new KeepNext() : null,
            // 公文 body: fixed 28 pt lines; an indent of two characters.
            SpacingBetweenLines = new SpacingBetweenLines { Before = "0", After = spacingAfter.ToString(), Line = halfPoints >= BodySize ? "560" : "240", LineRule = halfPoints >= BodySize ? LineSpacingRuleValues.Exact : LineSpacingRuleValues.Auto },
            Indentation = firstLineIndent ? new Indentation { FirstLineChars = 200, FirstLine = (halfPoints * 20).ToString() } : null,
            Justification = new Justification { Val = align },
        };
        var paragraph = new Paragraph(props);
        if (text.Length > 0) paragraph.Append(TextRun(text, font, halfPoints, bold, color));
        return paragraph;
    }

    private static Table BuildTable(TableLayout layout)
    {
        var grid = GridWidths(layout);
        var table = TableShell(grid);
        for (var r = 0; r < layout.Rows; r++)
        {
            var rowProps = new TableRowProperties();
            rowProps.Append(new CantSplit());
            if (r < layout.HeaderRows) rowProps.Append(new TableHeader());
            var row = new TableRow(rowProps);
            var c = 0;
            while (c < layout.Columns)
            {
                var cell = layout.CoverAt(r, c);
                var width = grid.Skip(cell.Column).Take(cell.ColumnSpan).Sum();
                var merge = cell.RowSpan == 1 ? null
                    : cell.Row == r ? new VerticalMerge { Val = MergedCellValues.Restart }
                    : new VerticalMerge();
                var content = cell.Row == r ? CellParagraph(cell) : new Paragraph();
                row.Append(new TableCell(new TableCellProperties
                {
                    TableCellWidth = new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa },
                    GridSpan = cell.ColumnSpan > 1 ? new GridSpan { Val = cell.ColumnSpan } : null,
                    VerticalMerge = merge,
                    TableCellVerticalAlignment = new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center },
                }, content));
                c += cell.ColumnSpan;
            }
            table.Append(row);
        }
        return table;
    }

    /// <summary>信息处理费收取情况: a heading row of the three printed labels over one row of numbers (a blank prints empty, never 0).</summary>
    private static Table BuildFeeTable(FeeCollection fee)
    {
        var columns = FeeCollection.Columns.Count;
        var grid = Enumerable.Repeat(TextWidth / columns, columns).ToArray();
        grid[^1] += TextWidth - grid.Sum();
        var table = TableShell(grid);
        var heading = new TableRow(new TableRowProperties(new CantSplit(), new TableHeader()));
        var values = new TableRow(new TableRowProperties(new CantSplit()));
        for (var i = 0; i < columns; i++)
        {
            heading.Append(SimpleCell(grid[i], new LayoutCell(0, i, 1, 1, CellRole.Header, FeeCollection.Columns[i].Label)));
            values.Append(SimpleCell(grid[i], new LayoutCell(1, i, 1, 1, CellRole.Value, "") { Value = fee.Values[i] }));
        }
        table.Append(heading, values);
        return table;
    }

    private static TableCell SimpleCell(int width, LayoutCell cell) => new(new TableCellProperties
    {
        TableCellWidth = new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa },
        TableCellVerticalAlignment = new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center },
    }, CellParagraph(cell));

    /// <summary>A bordered, centred, fixed-layout table of the text width over the given grid.</summary>
    private static Table TableShell(int[] grid)
    {
        var table = new Table(new TableProperties
        {
            TableWidth = new TableWidth { Width = TextWidth.ToString(), Type = TableWidthUnitValues.Dxa },
            TableJustification = new TableJustification { Val = TableRowAlignmentValues.Center },
            TableBorders = new TableBorders
            {
                TopBorder = Border<TopBorder>(),
                LeftBorder = Border<LeftBorder>(),
                BottomBorder = Border<BottomBorder>(),
                RightBorder = Border<RightBorder>(),
                InsideHorizontalBorder = Border<InsideHorizontalBorder>(),
                InsideVerticalBorder = Border<InsideVerticalBorder>(),
            },
            TableLayout = new WordTableLayout { Type = TableLayoutValues.Fixed },
            TableCellMarginDefault = new TableCellMarginDefault
            {
                TableCellLeftMargin = new TableCellLeftMargin { Width = 57, Type = TableWidthValues.Dxa },
                TableCellRightMargin = new TableCellRightMargin { Width = 57, Type = TableWidthValues.Dxa },
            },
        });
        table.Append(new TableGrid(grid.Select(w => new GridColumn { Width = w.ToString() })));
        return table;
    }

    private static T Border<T>() where T : BorderType, new() =>
        new() { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" };

    private static Paragraph CellParagraph(LayoutCell cell)
    {
        var align = cell.Role is CellRole.Label or CellRole.Caption or CellRole.Note ? JustificationValues.Left : JustificationValues.Center;
        var paragraph = new Paragraph(new ParagraphProperties
        {
            SpacingBetweenLines = new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
            Justification = new Justification { Val = align },
        });
        var text = cell.Role == CellRole.Value ? ReportText.Number(cell.Value) : cell.Text;
        if (text.Length > 0)
            paragraph.Append(TextRun(text, TableFont, cell.Role == CellRole.Note ? NoteSize : TableSize,
                bold: cell.Role == CellRole.Caption, latin: cell.Role == CellRole.Value ? DigitFont : null));
        return paragraph;
    }

    /// <summary>Grid column widths in twentieths of a point, summing exactly to the text width.</summary>
    internal static int[] GridWidths(TableLayout layout)
    {
        var percent = HtmlRenderer.ColumnWidths(layout);
        var widths = percent.Select(p => (int)Math.Round(p / 100 * TextWidth)).ToArray();
        widths[^1] += TextWidth - widths.Sum();
        return widths;
    }

    /// <summary>The 公文 page number, "— 1 —", centred in the footer.</summary>
    private static string AddPageNumberFooter(MainDocumentPart main)
    {
        var part = main.AddNewPart<FooterPart>();
        var paragraph = new Paragraph(new ParagraphProperties { Justification = new Justification { Val = JustificationValues.Center } });
        paragraph.Append(TextRun("— ", DigitFont, 28, bold: false, latin: DigitFont));
        paragraph.Append(new SimpleField(TextRun("1", DigitFont, 28, bold: false, latin: DigitFont)) { Instruction = " PAGE " });
        paragraph.Append(TextRun(" —", DigitFont, 28, bold: false, latin: DigitFont));
        part.Footer = new Footer(paragraph);
        part.Footer.Save();
        return main.GetIdOfPart(part);
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle
                {
                    RunFonts = FontsFor(BodyFont),
                    FontSize = new FontSize { Val = BodySize.ToString() },
                    FontSizeComplexScript = new FontSizeComplexScript { Val = BodySize.ToString() },
                    Languages = new Languages { Val = "en-US", EastAsia = "zh-CN", Bidi = "ar-SA" },
                }),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle
                {
                    SpacingBetweenLines = new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                })),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle())
            {
                Type = StyleValues.Paragraph,
                StyleId = "Normal",
                Default = true,
            });
        styles.Styles.Save();
    }

    /// <summary>
    /// The fonts the document names, with the alternative names and GB2312 charset Word and WPS use
    /// to substitute a font that is not installed (仿宋_GB2312 → 仿宋, 宋体 → SimSun).
    /// </summary>
    private static void AddFontTable(MainDocumentPart main)
    {
        var part = main.AddNewPart<FontTablePart>();
        var fonts = new Fonts();
        foreach (var (name, alt, panose, roman) in new (string, string?, string, bool)[]
        {
            ("仿宋_GB2312", "仿宋", "02010609030101010101", false),
            ("仿宋", "FangSong", "02010609060101010101", false),
            ("宋体", "SimSun", "02010600030101010101", false),
            ("黑体", "SimHei", "02010609060101010101", false),
            ("Times New Roman", null, "02020603050405020304", true),
        })
        {
            var font = new Font { Name = name };
            if (alt is not null) font.Append(new AltName { Val = alt });
            font.Append(new Panose1Number { Val = panose });
            font.Append(new FontCharSet { Val = roman ? "00" : "86" });
            font.Append(new FontFamily { Val = roman ? FontFamilyValues.Roman : FontFamilyValues.Modern });
            font.Append(new Pitch { Val = roman ? FontPitchValues.Variable : FontPitchValues.Fixed });
            fonts.Append(font);
        }
        part.Fonts = fonts;
        part.Fonts.Save();
    }
}
