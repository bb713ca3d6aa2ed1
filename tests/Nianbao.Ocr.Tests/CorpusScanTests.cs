using Nianbao.Documents;
using Nianbao.Documents.Ocr;
using Nianbao.Domain.Contract;
using Nianbao.Pipeline;

namespace Nianbao.Ocr.Tests;

/// <summary>
/// The three real PDFs of the corpus read with <c>--ocr force</c>: every page rasterised by
/// pdftoppm and read by OCR, the text layer ignored. Every cell must equal the hand-checked expected
/// answer: no number may differ, and none may be left empty (see docs/ocr.md for the shapes this
/// covers: thin one-pixel 1s, lone 0s on a clean page, a table cut by a page break under its last row).
/// </summary>
public class CorpusScanTests
{
    private static readonly ReportPipeline Forced = new(readers: DocumentReaders.With(new OcrOptions(OcrMode.Force)));

    public static TheoryData<string> Files() => new(["huaian-2024.pdf", "huaian-hongze-2023.pdf", "huaian-hongze-2024.pdf"]);

    [Theory, MemberData(nameof(Files))]
    public void Real_report_read_by_ocr_matches_the_expected_answer_cell_by_cell(string name)
    {
        var path = Path.Combine(Root(), "..", "shared", "corpus", "binary", name);
        Assert.True(File.Exists(path), $"corpus file missing: {path}");
        var expected = ReportJson.Deserialize(File.ReadAllText(path + ".expected.json"));
        var actual = Forced.ReadFile(path);
        Assert.Equal("pdf", actual.Source?.Format);
        Assert.Equal(expected.Year, actual.Year);
        Assert.Equal(expected.Template, actual.Template);
        var wrong = new List<string>();
        var empty = new List<string>();
        if (expected.Agency != actual.Agency) wrong.Add($"agency: expected {expected.Agency}, read {actual.Agency}");
        foreach (var table in expected.Tables)
        {
            var got = actual.Table(table.Kind);
            foreach (var (cell, value) in table.Cells())
            {
                var read = got?[cell];
                if (read == value) continue;
                if (read is null) empty.Add($"{cell}: expected {value}, left empty");
                else wrong.Add($"{cell}: expected {value?.ToString() ?? "null"}, read {read}");
            }
        }
        // Every cell as the answer has it: a cell left empty fails too (these pictures are clean
        // enough to decide every digit; an abstention here is a fault of the reader, not of the page).
        Assert.True(wrong.Count == 0 && empty.Count == 0,
            $"{name}: {wrong.Count} wrong, {empty.Count} left empty:\n{string.Join("\n", wrong.Concat(empty))}");
        Assert.DoesNotContain(actual.Findings, f => f.Rule is "R-1" or "R-2");
        // Every number came from the picture, and says so.
        Assert.NotEmpty(actual.Provenance);
        Assert.All(actual.Provenance.Values, p => Assert.True(p.OcrConfidence is not null && p.Box is not null, $"{p.Text} has no OCR confidence or box"));
    }

    internal static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Nianbao.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Nianbao.slnx not found");
    }
}
