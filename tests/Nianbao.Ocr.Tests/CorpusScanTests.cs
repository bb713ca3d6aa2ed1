using Nianbao.Documents;
using Nianbao.Documents.Ocr;
using Nianbao.Domain.Contract;
using Nianbao.Pipeline;

namespace Nianbao.Ocr.Tests;

/// <summary>
/// The three real PDFs of the corpus read with <c>--ocr force</c>: every page rasterised by
/// pdftoppm and read by OCR, the text layer ignored. No number may differ from the hand-checked
/// expected answer (a cell left empty is an abstention, counted and bounded by what this build
/// achieves: see docs/ocr.md).
/// </summary>
public class CorpusScanTests
{
    private static readonly ReportPipeline Forced = new(readers: DocumentReaders.With(new OcrOptions(OcrMode.Force)));

    public static TheoryData<string> Files() => new(["huaian-2024.pdf", "huaian-hongze-2023.pdf", "huaian-hongze-2024.pdf"]);

    [Theory, MemberData(nameof(Files))]
    public void Real_report_read_by_ocr_never_gives_a_wrong_number(string name)
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
        Assert.True(wrong.Count == 0, $"{name}: {wrong.Count} wrong:\n{string.Join("\n", wrong)}");
        // Left empty at most (measured this session; more means the reading got worse): huaian-2024's
        // lone thin 1s; the 0s of table 二 in both huaian-hongze reports, which the model does not tell
        // from 6 with certainty and no identity of table 二 can settle; and huaian-hongze-2023's row
        // 没有现成信息需要另行制作, where one cell's number is not found (R-2, the row left empty).
        var allowed = name switch { "huaian-2024.pdf" => 12, "huaian-hongze-2024.pdf" => 5, _ => 13 }; // measured 10, 4, 11
        Assert.True(empty.Count <= allowed, $"{name}: {empty.Count} cells left empty (at most {allowed} expected):\n{string.Join("\n", empty)}");
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
