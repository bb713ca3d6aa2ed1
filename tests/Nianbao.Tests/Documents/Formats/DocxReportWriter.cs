using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Nianbao.Tests.Documents.Formats;

/// <summary>
/// Renders generated report blocks as a DOCX with OpenXml, with merged cells as Word writes them:
/// gridSpan for horizontal merges, vMerge restart/continue for vertical ones (the continue cells are
/// real, empty cells), and — as Word does when a row starts further right — gridBefore. Numbers are
/// split across runs and a tracked deletion sits in one cell, as in edited real documents.
/// </summary>
public static class DocxReportWriter
{
    public sealed record Options
    {
        /// <summary>Row labels spanning the whole label area that instead start one column in, after a gridBefore.</summary>
        public bool GridBeforeOnFirstDataRow { get; init; } = true;
        /// <summary>Wrap one data row in a content control (w:sdt) and one cell in a cell-level one.</summary>
        public bool ContentControls { get; init; } = true;
    }

    public static byte[] Write(IReadOnlyList<Block> blocks, Options? options = null)
    {
        options ??= new Options();
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case Heading h:
                        body.Append(new W.Paragraph(new Run(new RunProperties(new Bold()), new Text(h.Text))));
                        break;
                    case Paragraph p:
                        // Split the sentence over runs, as Word does after edits.
                        var half = p.Text.Length / 2;
                        body.Append(new W.Paragraph(new Run(new Text(p.Text[..half])), new Run(new Text(p.Text[half..]))));
                        break;
                    case TableBlock t:
                        body.Append(Table(t.Layout, options));
                        body.Append(new W.Paragraph());
                        break;
                }
            }
            body.Append(new SectionProperties());
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The grid column where each layout cell starts in the DOCX (gridBefore moves one label).</summary>
    public static TableLayout AsWritten(TableLayout layout, Options? options = null)
    {
        options ??= new Options();
        if (!options.GridBeforeOnFirstDataRow) return layout;
        var y = FirstFullWidthLabelRow(layout);
        if (y < 0) return layout;
        var rows = layout.Rows.ToList();
        var cells = rows[y].Cells.ToList();
        cells[0] = cells[0] with { Col = 1, ColSpan = cells[0].ColSpan - 1 };
        rows[y] = new LayoutRow(cells);
        return layout with { Rows = rows };
    }

    private static int FirstFullWidthLabelRow(TableLayout layout)
    {
        for (var y = 0; y < layout.Rows.Count; y++)
        {
            var cells = layout.Rows[y].Cells;
            if (cells.Count > 1 && cells[0].Col == 0 && cells[0].ColSpan >= 2 && cells[0].RowSpan == 1 && cells[0].Path is null && cells.Skip(1).Any(c => c.Path is not null))
                return y;
        }
        return -1;
    }

    private static Table Table(TableLayout original, Options options)
    {
        var layout = AsWritten(original, options);
        var slots = layout.Slots();
        var table = new Table(
            new TableProperties(new TableBorders(new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })),
            new TableGrid(Enumerable.Range(0, layout.Width).Select(_ => new GridColumn { Width = "700" })));
        var sdtRowDone = false;
        var sdtCellDone = false;
        var continueWithoutVal = false;
        for (var y = 0; y < layout.Rows.Count; y++)
        {
            var row = new TableRow();
            var before = 0;
            while (before < layout.Width && slots[y, before] is null) before++;
            var last = layout.Width;
            while (last > before && slots[y, last - 1] is null) last--;
            if (before > 0 || last < layout.Width)
            {
                var rowProperties = new TableRowProperties();
                if (before > 0) rowProperties.Append(new GridBefore { Val = before });
                if (last < layout.Width) rowProperties.Append(new GridAfter { Val = layout.Width - last });
                row.Append(rowProperties);
            }
            for (var x = before; x < last;)
            {
                var (cell, originRow) = slots[y, x]!.Value;
                var properties = new TableCellProperties(new TableCellWidth { Width = (700 * cell.ColSpan).ToString(), Type = TableWidthUnitValues.Dxa });
                if (cell.ColSpan > 1) properties.Append(new GridSpan { Val = cell.ColSpan });
                TableCell tc;
                if (originRow != y)
                {
                    // Word writes a real cell under a vertical merge; older files leave out the Val.
                    properties.Append(continueWithoutVal ? new VerticalMerge() : new VerticalMerge { Val = MergedCellValues.Continue });
                    continueWithoutVal = !continueWithoutVal;
                    tc = new TableCell(properties, new W.Paragraph());
                }
                else
                {
                    if (cell.RowSpan > 1) properties.Append(new VerticalMerge { Val = MergedCellValues.Restart });
                    tc = new TableCell(properties, CellParagraph(cell));
                }
                if (options.ContentControls && !sdtCellDone && cell.Path is not null && originRow == y)
                {
                    sdtCellDone = true;
                    row.Append(new SdtCell(new SdtProperties(new SdtAlias { Val = "数字" }), new SdtContentCell(tc)));
                }
                else row.Append(tc);
                x += cell.ColSpan;
            }
            if (options.ContentControls && !sdtRowDone && y > 0 && layout.Rows[y].Cells.Any(c => c.Path is not null) && sdtCellDone)
            {
                sdtRowDone = true;
                table.Append(new SdtRow(new SdtProperties(new SdtAlias { Val = "行" }), new SdtContentRow(row)));
            }
            else table.Append(row);
        }
        return table;
    }

    private static W.Paragraph CellParagraph(LayoutCell cell)
    {
        var paragraph = new W.Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        if (cell.Path is not null && cell.Text.Length >= 2)
        {
            // A number typed over a deleted one, then split across runs: "1" "2" with a tracked deletion "9" in between.
            paragraph.Append(new Run(new Text(cell.Text[..1])));
            paragraph.Append(new DeletedRun(new Run(new DeletedText("9"))) { Id = "1", Author = "编辑", });
            paragraph.Append(new Run(new Text(cell.Text[1..])));
        }
        else if (cell.Text.Length > 0)
        {
            paragraph.Append(new Run(new Text(cell.Text) { Space = SpaceProcessingModeValues.Preserve }));
        }
        return paragraph;
    }
}
