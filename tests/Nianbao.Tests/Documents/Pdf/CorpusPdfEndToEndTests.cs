using Nianbao.Domain.Contract;
using Nianbao.Recognition;

namespace Nianbao.Tests.Documents.Pdf;

/// <summary>
/// The whole pipeline on the real PDFs against the hand-checked expected JSON: agency, year,
/// template and every cell of every table (a null stays null). Needs the recognizer; until it reads
/// PDF documents these fail, which is what they are for.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CorpusPdfEndToEndTests
{
    [Theory, MemberData(nameof(CorpusPdf.All), MemberType = typeof(CorpusPdf))]
    public void Pdf_reads_to_the_expected_report(string name)
    {
        var path = CorpusPdf.PathOf(name);
        var expected = ReportJson.Deserialize(File.ReadAllText(path + ".expected.json"));
        var actual = ReportPipeline.Default.ReadFile(path);

        Assert.Equal(expected.Agency, actual.Agency);
        Assert.Equal(expected.Year, actual.Year);
        Assert.Equal(expected.Template, actual.Template);
        var wrong = new List<string>();
        foreach (var table in expected.Tables)
        {
            var got = actual.Table(table.Kind);
            foreach (var (cell, value) in table.Cells())
            {
                var read = got?[cell];
                if (read != value) wrong.Add($"{cell}: expected {value?.ToString() ?? "null"}, read {read?.ToString() ?? "null"}");
            }
        }
        Assert.True(wrong.Count == 0, $"{name}: {wrong.Count} cells differ:\n{string.Join("\n", wrong)}");
    }
}
