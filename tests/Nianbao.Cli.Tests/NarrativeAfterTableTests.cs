using System.Text.Json;
using Nianbao.Domain;
using Nianbao.Domain.Templates;
using Nianbao.Synthetic;

namespace Nianbao.Cli.Tests;

/// <summary>
/// A number in the narrative right after a table's last cell ("行政事业性收费 0" then
/// "2025年，本机关共主动公开政府信息395条") belongs to the narrative, never to the table: generated
/// reports with known numbers, the narrative glued on, on the next line or after a blank cell, in
/// several text shapes, read by the built nianbao.
/// </summary>
public sealed class NarrativeAfterTableTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Narrative = "2025年，本机关共主动公开政府信息395条，其中动态信息371条。";

    /// <summary>How the narrative meets the table: glued to the last digit, on the next line.</summary>
    public static TheoryData<string> Joins => new() { "glued", "next-line" };

    [Theory]
    [MemberData(nameof(Joins))]
    public void The_narrative_after_table_two_and_table_four_never_enters_the_table(string join)
    {
        var cases = new List<(string Path, GeneratedReport Report, TextShape Shape)>();
        var seed = 40;
        foreach (var shape in new[] { TextShape.Tabs, TextShape.CellPerLine, TextShape.Markdown, TextShape.RunTogether, TextShape.WrappedKangxi })
            foreach (var template in new[] { ReportTemplate.Format2021, ReportTemplate.Format2019 })
            {
                var generated = ReportGenerator.Generate(new GenerationSpec(seed++, template, NumberScale.Small, Inconsistent: false));
                var rendered = TextShapes.Render(generated, shape, seed);
                var text = rendered.Text;
                text = InsertBefore(text, "收到和处理政府信息公开申请", join); // after table 二
                text = InsertBefore(text, "存在的主要问题", join);          // after table 四
                cases.Add((_dir.Write($"{shape}-{template.ToContractName()}{Path.GetExtension(rendered.FileName)}", text), generated, shape));
            }

        var run = Nianbao.Exec(["parse", .. cases.Select(c => c.Path), "--json"]);

        Assert.Equal(0, run.ExitCode);
        using var json = run.Json();
        var reports = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(cases.Count, reports.Count);
        var lost = new List<string>();
        foreach (var ((path, generated, shape), parsed) in cases.Zip(reports))
        {
            var truth = generated.Truth;
            foreach (var (property, table) in new[] { ("activeDisclosure", truth.ActiveDisclosure!), ("reviewsAndLawsuits", truth.ReviewsAndLawsuits!) })
            {
                var last = table.Schema.Rows[^1];
                foreach (var field in last.Fields)
                {
                    var cell = parsed.GetProperty(property).GetProperty(last.Key).GetProperty(field.Key);
                    var read = cell.ValueKind == JsonValueKind.Null ? (decimal?)null : cell.GetDecimal();
                    // Never the narrative's numbers; the cell's own number whenever it is read at all.
                    Assert.True(read is null || read == truth[new CellPath(table.Kind, last.Key, field.Key)],
                        $"{Path.GetFileName(path)} ({shape}): {property}.{last.Key}.{field.Key} read as {read}, printed {truth[new CellPath(table.Kind, last.Key, field.Key)]}");
                }
                // The last cell itself is read, not only kept free of the narrative ("0", not 395 and not null) —
                // in every shape, except one: a Markdown row of table 四 with the narrative glued after its
                // closing pipe, where the narrative becomes one more cell of the row and its total is left
                // empty (safe, never the narrative's number; README, Known limits).
                var f = last.Fields[^1];
                var lastCell = parsed.GetProperty(property).GetProperty(last.Key).GetProperty(f.Key);
                var knownLimit = join == "glued" && shape == TextShape.Markdown && property == "reviewsAndLawsuits";
                if (lastCell.ValueKind == JsonValueKind.Null && !knownLimit) lost.Add($"{Path.GetFileName(path)} {property}.{last.Key}.{f.Key}");
            }
        }
        Assert.True(lost.Count == 0, "last cells left empty: " + string.Join("; ", lost));
    }

    /// <summary>Puts the narrative between the end of the table and the heading that holds <paramref name="key"/>.</summary>
    private static string InsertBefore(string text, string key, string join)
    {
        var heading = text.IndexOf(key, StringComparison.Ordinal);
        Assert.True(heading > 0, $"heading with {key} not found");
        var lineStart = text.LastIndexOf('\n', heading) + 1;
        var end = lineStart;
        while (end > 0 && char.IsWhiteSpace(text[end - 1])) end--; // the table's last character
        return join switch
        {
            "glued" => text[..end] + Narrative + "\n\n" + text[lineStart..],
            _ => text[..end] + "\n" + Narrative + "\n\n" + text[lineStart..],
        };
    }
}
