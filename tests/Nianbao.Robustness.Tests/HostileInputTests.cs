using System.Text;
using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Pipeline;
using Nianbao.Robustness.Tests.Support;

namespace Nianbao.Robustness.Tests;

/// <summary>
/// One test per class of hostile input in issue 9. Every input is made here, from small generators;
/// every read ends within its time budget and below its memory bound with a clear outcome.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly TimeSpan Time = TimeSpan.FromSeconds(30);
    private const long Memory = 1024 * Budget.MiB;

    private static Outcome<SourceDocument> Read(byte[] bytes, string name, ReadLimits? limits = null, long memory = Memory) =>
        Budget.Run(() => DocumentReaders.Default.Read(bytes, name, limits ?? ReadLimits.Default, CancellationToken.None), Time, memory);

    private static DocumentReadException Refused(Outcome<SourceDocument> outcome, ReadFailure kind)
    {
        Assert.True(outcome.Refusal is not null, $"expected a refusal, got a document: {outcome}");
        Assert.Equal(kind, outcome.Refusal!.Kind);
        return outcome.Refusal;
    }

    // ---- DOCX ----

    [Theory]
    [InlineData("gridSpan")]
    [InlineData("gridBefore")]
    public void A_docx_cell_spanning_two_billion_columns_is_malformed_not_an_out_of_memory_crash(string attribute)
    {
        var docx = Samples.Docx(Samples.Report());
        var hostile = Samples.EditEntry(docx, "word/document.xml", xml => attribute == "gridSpan"
            ? ReplaceFirst(xml, "<w:tcPr>", "<w:tcPr><w:gridSpan w:val=\"2147483647\"/>")
            : ReplaceFirst(xml, "<w:tr>", "<w:tr><w:trPr><w:gridBefore w:val=\"2147483647\"/></w:trPr>"));
        Assert.NotEqual(docx.Length, hostile.Length);
        var ex = Refused(Read(hostile, "span.docx", memory: 200 * Budget.MiB), ReadFailure.Malformed);
        Assert.Contains("2147483647", ex.Message);
    }

    [Fact]
    public void A_docx_whose_main_part_inflates_to_a_gigabyte_is_refused_as_too_large_without_holding_it()
    {
        var docx = Samples.Docx(Samples.Report());
        var bomb = Bombs.ReplaceEntry(docx, "word/document.xml",
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>", 1L << 30, "</w:body></w:document>");
        Assert.True(bomb.Length < 16 * Budget.MiB, $"the bomb is {bomb.Length} bytes on disk");
        var ex = Refused(Read(bomb, "bomb.docx", memory: 64 * Budget.MiB), ReadFailure.TooLarge);
        Assert.Contains("word/document.xml", ex.Message);
    }

    [Fact]
    public void Parts_that_are_each_small_enough_but_too_large_together_are_refused()
    {
        var limits = ReadLimits.Default with { MaxEntryBytes = 40 * Budget.MiB, MaxContainerBytes = 64 * Budget.MiB, MaxCompressionRatio = int.MaxValue };
        var docx = Samples.Docx(Samples.Report());
        var bomb = Bombs.ReplaceEntry(Bombs.ReplaceEntry(docx, "word/styles.xml", "<a>", 30 * Budget.MiB, "</a>"),
            "word/numbering.xml", "<a>", 39 * Budget.MiB, "</a>");
        var ex = Refused(Read(bomb, "two.docx", limits, 64 * Budget.MiB), ReadFailure.TooLarge);
        Assert.Contains("64 MB", ex.Message);
    }

    [Fact]
    public void Xml_nested_deeper_than_the_limit_is_malformed_before_any_library_recurses_into_it()
    {
        var depth = 100_000;
        var xml = new StringBuilder("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>");
        for (var i = 0; i < depth; i++) xml.Append("<w:x>");
        for (var i = 0; i < depth; i++) xml.Append("</w:x>");
        xml.Append("</w:p></w:body></w:document>");
        var hostile = Samples.EditEntry(Samples.Docx(Samples.Report()), "word/document.xml", _ => xml.ToString());
        Refused(Read(hostile, "deep.docx"), ReadFailure.Malformed);
    }

    [Fact]
    public void A_dtd_in_a_part_is_refused_with_a_message_about_the_file_not_about_xml_settings()
    {
        var hostile = Samples.EditEntry(Samples.Docx(Samples.Report()), "word/document.xml",
            xml => "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>" + xml[xml.IndexOf("<w:document", StringComparison.Ordinal)..]);
        var ex = Refused(Read(hostile, "dtd.docx"), ReadFailure.Malformed);
        Assert.Contains("DTD", ex.Message);
    }

    // ---- XLSX ----

    [Fact]
    public void A_merge_over_the_whole_sheet_is_clipped_to_the_used_range_and_the_sheet_is_read()
    {
        var g = Samples.Report();
        var xlsx = AddMerges(Samples.Xlsx(g), ["A1:XFD1048576"]);
        var outcome = Read(xlsx, "whole-sheet.xlsx", memory: 300 * Budget.MiB);
        Assert.True(outcome.Value is not null, outcome.ToString());
    }

    [Fact]
    public void Hundreds_of_thousands_of_full_row_merges_are_refused_as_too_large()
    {
        var merges = Enumerable.Range(1, 300_000).Select(r => $"A{r}:XFD{r}").ToList();
        var xlsx = AddMerges(Samples.Xlsx(Samples.Report()), merges);
        Refused(Read(xlsx, "merges.xlsx", memory: 1536 * Budget.MiB), ReadFailure.TooLarge);
    }

    [Fact]
    public void A_workbook_part_that_inflates_to_a_gigabyte_is_refused()
    {
        var xlsx = Samples.Xlsx(Samples.Report());
        var sheet = Samples.Entries(xlsx).First(e => e.StartsWith("xl/worksheets/", StringComparison.Ordinal));
        var bomb = Bombs.ReplaceEntry(xlsx, sheet, "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>", 1L << 30, "</sheetData></worksheet>");
        Refused(Read(bomb, "bomb.xlsx", memory: 64 * Budget.MiB), ReadFailure.TooLarge);
    }

    [Theory]
    [InlineData("<c r=\"ZZZZZZZZ1\" t=\"inlineStr\"><is><t>12</t></is></c>")]
    [InlineData("<c r=\"A99999999999\" t=\"inlineStr\"><is><t>12</t></is></c>")]
    public void Cell_references_outside_any_sheet_never_wrap_into_a_place_on_it(string cell)
    {
        var xlsx = Samples.Xlsx(Samples.Report());
        var sheet = Samples.Entries(xlsx).First(e => e.StartsWith("xl/worksheets/", StringComparison.Ordinal));
        var hostile = Samples.EditEntry(xlsx, sheet, xml =>
        {
            var open = System.Text.RegularExpressions.Regex.Match(xml, "<(\\w+:)?sheetData>");
            var prefix = open.Groups[1].Value;
            var row = ("<row r=\"1\">" + cell + "</row>").Replace("<", "<" + prefix, StringComparison.Ordinal).Replace("<" + prefix + "/", "</" + prefix, StringComparison.Ordinal);
            return xml.Insert(open.Index + open.Length, row);
        });
        var outcome = Read(hostile, "far.xlsx");
        // Either the cell is placed by order (a reference that cannot be read is ignored) or the sheet is refused: never a wrapped index.
        if (outcome.Value is { } doc)
            Assert.All(doc.Lines.SelectMany(l => l.Cells), c => Assert.True(c.Column is null or >= 0 and < 16384));
    }

    // ---- HTML ----

    [Theory]
    [InlineData("div")]
    [InlineData("b")]
    [InlineData("table")]
    public void A_hundred_thousand_nested_elements_are_malformed_within_the_budget(string tag)
    {
        var ex = Refused(Read(Bombs.NestedHtml(100_000, tag), "deep.html"), ReadFailure.Malformed);
        Assert.Contains("512", ex.Message);
    }

    [Fact]
    public void Spans_in_the_tens_of_thousands_cost_only_the_rows_the_table_has()
    {
        var html = new StringBuilder("<html><body><table>");
        for (var r = 0; r < 50; r++) html.Append("<tr><td rowspan=\"65534\" colspan=\"50000\">1</td><td colspan=\"99999\">2</td></tr>");
        html.Append("</table></body></html>");
        var outcome = Read(Encoding.UTF8.GetBytes(html.ToString()), "spans.html", memory: 400 * Budget.MiB);
        Assert.True(outcome.Value is not null || outcome.Refusal?.Kind == ReadFailure.TooLarge, outcome.ToString());
    }

    [Fact]
    public void A_table_that_would_lay_out_millions_of_slots_is_too_large()
    {
        var html = new StringBuilder("<html><body><table>");
        for (var r = 0; r < 3000; r++) html.Append("<tr><td colspan=\"1000\">1</td><td>2</td></tr>");
        html.Append("</table></body></html>");
        Refused(Read(Encoding.UTF8.GetBytes(html.ToString()), "wide.html"), ReadFailure.TooLarge);
    }

    // ---- PDF ----

    [Fact]
    public void A_page_tree_listing_one_page_a_million_times_is_refused()
    {
        var pdf = Bombs.Pdf(1_000_000, "BT /F1 12 Tf 50 800 Td (12) Tj ET"u8.ToArray(), flate: false);
        var ex = Read(pdf, "pages.pdf").Refusal;
        Assert.NotNull(ex);
        Assert.True(ex!.Kind is ReadFailure.TooLarge or ReadFailure.Malformed, ex.Message);
    }

    [Fact]
    public void A_page_listed_twice_in_the_page_tree_is_malformed()
    {
        var pdf = Bombs.Pdf(3, "BT /F1 12 Tf 50 800 Td (12) Tj ET"u8.ToArray(), flate: false);
        Refused(Read(pdf, "twice.pdf"), ReadFailure.Malformed);
    }

    [Fact]
    public void A_content_stream_inflating_to_hundreds_of_megabytes_is_refused_before_the_library_inflates_it()
    {
        var pdf = Bombs.PdfWithHugeStream(300 * Budget.MiB);
        Assert.True(pdf.Length < 4 * Budget.MiB);
        var ex = Refused(Read(pdf, "inflate.pdf", memory: 64 * Budget.MiB), ReadFailure.TooLarge);
        Assert.Contains("128 MB", ex.Message);
    }

    [Fact]
    public void More_pages_than_the_limit_are_refused_before_any_page_is_read()
    {
        var limits = ReadLimits.Default with { MaxPdfPages = 1 };
        Refused(Read(Samples.SmallPdf(), "two-pages.pdf", limits), ReadFailure.TooLarge);
    }

    // ---- text ----

    [Fact]
    public void A_200_MB_text_file_is_refused_above_the_file_size_limit_without_being_read()
    {
        using var folder = new TempFolder("nianbao-big");
        var path = folder["big.txt"];
        using (var f = File.Create(path)) f.SetLength(200 * Budget.MiB); // sparse: no disk, no time
        var outcome = Budget.Run(() => DocumentReaders.Default.ReadFile(path, ReadLimits.Default, CancellationToken.None), TimeSpan.FromSeconds(5), 8 * Budget.MiB);
        Assert.Equal(ReadFailure.TooLarge, outcome.Refusal?.Kind);
        Assert.StartsWith(path + ": ", outcome.Refusal!.Message);
        Assert.Contains("128 MB", outcome.Refusal.Message);
    }

    [Fact]
    public void A_text_file_at_the_text_limit_is_read_in_under_a_gigabyte()
    {
        // ~15 million characters of report text: just below MaxTextChars.
        var report = Encoding.UTF8.GetString(Samples.Text(Samples.Report()));
        var sb = new StringBuilder();
        while (sb.Length < 15_000_000) sb.Append(report);
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        var outcome = Read(bytes, "honest.txt", memory: 1024 * Budget.MiB);
        Assert.True(outcome.Value is not null, outcome.ToString());
    }

    [Fact]
    public void More_text_than_the_limit_is_refused_and_the_limit_can_be_raised()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('1', 2000) + "\n" + "二、主动公开政府信息情况\n");
        var limits = ReadLimits.Default with { MaxLineChars = 1000 };
        Refused(Read(bytes, "long-line.txt", limits), ReadFailure.TooLarge);
        Assert.NotNull(Read(bytes, "long-line.txt").Value);
    }

    // ---- numbers ----

    [Theory]
    [InlineData("12345678901234567890")]
    [InlineData("9223372036854775808")]
    [InlineData("18446744073709551617")]
    [InlineData("99999999999999999999")]
    public void A_number_longer_than_any_count_is_null_with_a_note_naming_its_cell(string printed)
    {
        var g = Samples.Report();
        var text = Encoding.UTF8.GetString(Samples.Text(g));
        var line = text.Split('\n').First(l => l.StartsWith("规章\t", StringComparison.Ordinal));
        var fields = line.Split('\t');
        fields[1] = printed;
        var hostile = text.Replace(line, string.Join('\t', fields), StringComparison.Ordinal);
        var report = ReportPipeline.Default.Read(Encoding.UTF8.GetBytes(hostile), "big.txt");
        var path = Domain.CellPath.Parse("activeDisclosure.regulations.issued");
        Assert.Null(report[path]);
        var note = Assert.Single(report.Findings, f => f.Cells.Contains(path) && f.Message.Contains(printed, StringComparison.Ordinal));
        Assert.Contains("activeDisclosure.regulations.issued", note.Message);
        // Nothing reports a wrapped value: no number anywhere in the report that the document does not print.
        var document = DocumentReaders.Default.Read(Encoding.UTF8.GetBytes(hostile), "big.txt");
        Provenance.AssertEveryNumberIsInTheDocument(report, document);
    }

    // ---- a batch ----

    [Fact]
    public void A_batch_of_good_reports_mixed_with_every_bomb_returns_every_good_report()
    {
        var good = Enumerable.Range(1, 6).Select(i => ($"good-{i}.txt", Samples.Text(Samples.Report(100 + i)))).ToList();
        var docx = Samples.Docx(Samples.Report());
        var bad = new List<(string, byte[])>
        {
            ("span.docx", Samples.EditEntry(docx, "word/document.xml", x => ReplaceFirst(x, "<w:tcPr>", "<w:tcPr><w:gridSpan w:val=\"2147483647\"/>"))),
            ("bomb.docx", Bombs.ReplaceEntry(docx, "word/document.xml", "<w:document>", 300 * Budget.MiB, "</w:document>")),
            ("deep.html", Bombs.NestedHtml(100_000)),
            ("pages.pdf", Bombs.Pdf(100_000, "BT ET"u8.ToArray(), false)),
            ("inflate.pdf", Bombs.PdfWithHugeStream(200 * Budget.MiB)),
            ("merge.xlsx", AddMerges(Samples.Xlsx(Samples.Report()), Enumerable.Range(1, 200_000).Select(r => $"A{r}:XFD{r}").ToList())),
            ("binary.bin", [0, 1, 2, 3, 0, 0, 0xFF]),
            ("empty.txt", []),
        };
        var all = good.Concat(bad).OrderBy(f => f.Item1.GetHashCode()).ToList();
        var outcomes = new (string Name, Domain.Report? Report, DocumentReadException? Error)[all.Count];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Parallel.For(0, all.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            try { outcomes[i] = (all[i].Item1, ReportPipeline.Default.Read(all[i].Item2, all[i].Item1), null); }
            catch (DocumentReadException ex) { outcomes[i] = (all[i].Item1, null, ex); }
        });
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"the batch took {clock.Elapsed}");
        foreach (var (name, _) in good) Assert.NotNull(outcomes.Single(o => o.Name == name).Report);
        foreach (var (name, _) in bad)
        {
            var error = outcomes.Single(o => o.Name == name).Error;
            Assert.True(error is not null, $"{name} gave a report");
            Messages.AssertForPeople(error!);
        }
    }

    internal static byte[] AddMerges(byte[] xlsx, IReadOnlyList<string> refs)
    {
        var sheet = Samples.Entries(xlsx).Where(e => e.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).Order(StringComparer.Ordinal).First();
        return Samples.EditEntry(xlsx, sheet, xml =>
        {
            var prefix = System.Text.RegularExpressions.Regex.Match(xml, "<(\\w+:)?worksheet").Groups[1].Value;
            var merges = string.Concat(refs.Select(r => $"<{prefix}mergeCell ref=\"{r}\"/>"));
            var open = System.Text.RegularExpressions.Regex.Match(xml, $"<{prefix}mergeCells[^>]*>");
            return open.Success
                ? xml.Insert(open.Index + open.Length, merges)
                : ReplaceFirst(xml, $"</{prefix}sheetData>", $"</{prefix}sheetData><{prefix}mergeCells count=\"{refs.Count}\">{merges}</{prefix}mergeCells>");
        });
    }

    internal static string ReplaceFirst(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' not in the part");
        return text[..at] + replacement + text[(at + find.Length)..];
    }
}
