using System.Text.Json;
using Nianbao.Domain;
using Nianbao.Synthetic;

namespace Nianbao.Cli.Tests;

/// <summary>
/// A report read from a document, rendered, and read back: the rendered file holds each table once, so
/// reading it gives the same tables and no reader note the original did not have. Before, the
/// sections' text carried each table's printed text and the rendered file had every table twice.
/// </summary>
public sealed class RenderReadBackTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Rendering_a_parsed_document_prints_each_table_once()
    {
        var sources = Directory.GetFiles(SharedFiles.Seeds, "*.txt").Order(StringComparer.Ordinal).ToList();
        var seed = 900;
        foreach (var shape in new[] { TextShape.Tabs, TextShape.CellPerLine, TextShape.WrappedKangxi, TextShape.Markdown, TextShape.RunTogether })
        {
            var generated = ReportGenerator.Generate(new GenerationSpec(seed++, seed % 2 == 0 ? ReportTemplate.Format2021 : ReportTemplate.Format2019, NumberScale.Mixed, Inconsistent: false));
            var rendered = TextShapes.Render(generated, shape, seed);
            sources.Add(_dir.Write($"gen-{shape}{Path.GetExtension(rendered.FileName)}", rendered.Bytes));
        }

        var parsed = Nianbao.Exec(["parse", .. sources, "--json"]);
        Assert.Equal(0, parsed.ExitCode);
        var records = new List<string>();
        using (var all = parsed.Json())
            foreach (var (report, source) in all.RootElement.EnumerateArray().Zip(sources))
                records.Add(_dir.Write(Path.GetFileNameWithoutExtension(source) + ".record.json", report.GetRawText()));
        var original = Nianbao.Exec(["parse", .. records, "--json"]);
        using var before = original.Json();
        foreach (var format in new[] { "md", "html", "docx" })
            RenderAndReadBack(format, sources, records, before);
    }

    private static void RenderAndReadBack(string format, List<string> sources, List<string> records, JsonDocument before)
    {
        var outputs = new List<string>();
        foreach (var record in records)
        {
            var output = Path.ChangeExtension(record, "rendered." + format);
            var render = Nianbao.Exec("render", record, "--to", format, "-o", output);
            Assert.True(render.ExitCode == 0, render.Error);
            outputs.Add(output);
        }

        var back = Nianbao.Exec(["parse", .. outputs, "--json"]);
        using var after = back.Json();
        foreach (var ((a, b), source) in before.RootElement.EnumerateArray().Zip(after.RootElement.EnumerateArray()).Zip(sources))
        {
            var name = Path.GetFileName(source);
            foreach (var table in new[] { "activeDisclosure", "applications", "reviewsAndLawsuits" })
                Assert.True(JsonElement.DeepEquals(a.GetProperty(table), b.GetProperty(table)), $"{name} as {format}: {table} read back differs");
            var notesBefore = Notes(a);
            var notesAfter = Notes(b);
            Assert.True(notesAfter.IsSubsetOf(notesBefore), $"{name} as {format}: reading back added {string.Join("; ", notesAfter.Except(notesBefore))}");
            Assert.Equal(a.GetProperty("sections").GetArrayLength(), b.GetProperty("sections").GetArrayLength());
        }
        // Each table's own vocabulary is printed once: the rendered table's, not the text's copy too.
        foreach (var output in outputs.Where(_ => format is "md" or "html"))
        {
            var text = File.ReadAllText(output);
            Assert.True(Count(text, "勾稽关系") <= 1, $"{Path.GetFileName(output)} prints table 三's note more than once");
            Assert.True(Count(text, "结转下年度继续办理") <= 1, $"{Path.GetFileName(output)} prints table 三's last row more than once");
        }
    }

    private static HashSet<string> Notes(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("rule").GetString()!.StartsWith("R-", StringComparison.Ordinal))
            .Select(f => f.GetProperty("rule").GetString() + " " + string.Join(",", f.GetProperty("cells").EnumerateArray().Select(c => c.GetString())))
            .ToHashSet();

    private static int Count(string text, string word)
    {
        var n = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
