using System.Text.Json;
using Nianbao.Domain;
using Nianbao.Synthetic;

namespace Nianbao.Cli.Tests;

/// <summary>
/// A row label or section heading with one misprinted character is still recognized, with an info
/// note, when the rest of it is unambiguous — and never when the misprint is as near to another
/// label. Generated reports are read twice by the built nianbao, as printed and with labels mutated:
/// the tables must come out the same.
/// </summary>
public sealed class MisprintedLabelTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>(row path or section, as printed, misprinted): one character changed each.</summary>
    private static readonly (string Target, string Printed, string Misprinted)[] Misprints =
    [
        ("activeDisclosure.licensing", "行政许可", "行政许囗"),
        ("activeDisclosure.fees", "行政事业性收费", "行政事业性收囗"),
        ("applications.withheldStateSecret", "国家秘密", "国家秘囗"),
        ("applications.unavailableNotHeld", "本机关不掌握相关政府信息", "本机关不掌囗相关政府信息"),
        ("applications.withheldEnforcementFile", "执法案卷", "执囗案卷"),
        ("applications.rejectedRepeated", "重复申请", "重囗申请"),
        ("section 一", "总体情况", "总囗情况"),
        ("section 六", "其他需要报告的事项", "其他需囗报告的事项"),
    ];

    [Fact]
    public void One_misprinted_character_in_labels_and_headings_changes_no_number_and_leaves_a_note()
    {
        var pairs = new List<(string Clean, string Misprinted, TextShape Shape)>();
        var seed = 700;
        foreach (var shape in new[] { TextShape.Tabs, TextShape.CellPerLine, TextShape.Markdown, TextShape.RunTogether })
            foreach (var template in new[] { ReportTemplate.Format2021, ReportTemplate.Format2019 })
            {
                var generated = ReportGenerator.Generate(new GenerationSpec(seed++, template, NumberScale.Mixed, Inconsistent: false));
                var rendered = TextShapes.Render(generated, shape, seed);
                var mutated = rendered.Text;
                foreach (var (_, printed, misprinted) in Misprints)
                {
                    Assert.Contains(printed, mutated); // the shape prints the label: otherwise the test proves nothing
                    mutated = mutated.Replace(printed, misprinted, StringComparison.Ordinal);
                }
                var ext = Path.GetExtension(rendered.FileName);
                pairs.Add((_dir.Write($"clean-{shape}-{template.ToContractName()}{ext}", rendered.Text), _dir.Write($"misprinted-{shape}-{template.ToContractName()}{ext}", mutated), shape));
            }

        var run = Nianbao.Exec(["parse", .. pairs.SelectMany(p => new[] { p.Clean, p.Misprinted }), "--json"]);

        Assert.Equal(0, run.ExitCode);
        using var json = run.Json();
        var reports = json.RootElement.EnumerateArray().ToList();
        for (var i = 0; i < pairs.Count; i++)
        {
            var (clean, misprinted) = (reports[2 * i], reports[2 * i + 1]);
            var name = Path.GetFileName(pairs[i].Misprinted);
            foreach (var table in new[] { "activeDisclosure", "applications", "reviewsAndLawsuits" })
                Assert.True(JsonElement.DeepEquals(clean.GetProperty(table), misprinted.GetProperty(table)), $"{name}: {table} differs from the clean text's");
            Assert.Equal(6, misprinted.GetProperty("sections").GetArrayLength());
            var notes = misprinted.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("rule").GetString() == "R-7").ToList();
            Assert.All(notes, n => Assert.Equal("info", n.GetProperty("severity").GetString()));
            foreach (var (target, _, misprint) in Misprints)
                Assert.True(notes.Any(n => target.StartsWith("section", StringComparison.Ordinal)
                        ? n.GetProperty("message").GetString()!.Contains(target, StringComparison.Ordinal)
                        : Cells(n).Any(c => c.StartsWith(target + ".", StringComparison.Ordinal))),
                    $"{name}: no R-7 note for {target} printed as {misprint}");
            Assert.DoesNotContain(clean.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "R-7");
        }
    }

    [Fact]
    public void A_misprint_as_near_to_another_label_is_taken_for_neither()
    {
        var generated = ReportGenerator.Generate(new GenerationSpec(5, ReportTemplate.Format2021, NumberScale.Mixed, Inconsistent: false));
        var rendered = TextShapes.Render(generated, TextShape.Tabs, 5);
        // 行政许罚 is one character from 行政许可 and one from 行政处罚.
        var path = _dir.Write("near-two.txt", rendered.Text.Replace("行政许可", "行政许罚", StringComparison.Ordinal));

        var run = Nianbao.Exec("parse", path, "--json");

        using var json = run.Json();
        var report = json.RootElement;
        Assert.Equal(JsonValueKind.Null, report.GetProperty("activeDisclosure").GetProperty("licensing").GetProperty("decisions").ValueKind);
        Assert.Contains(report.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("rule").GetString() == "R-3" && Cells(f).Contains("activeDisclosure.licensing.decisions"));
        Assert.DoesNotContain(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "R-7");
        // 行政处罚's own row is still its own.
        Assert.Equal(generated.Truth.ActiveDisclosure!["punishment", "decisions"], report.GetProperty("activeDisclosure").GetProperty("punishment").GetProperty("decisions").GetDecimal());
    }

    private static IEnumerable<string> Cells(JsonElement finding) =>
        finding.TryGetProperty("cells", out var cells) ? cells.EnumerateArray().Select(c => c.GetString()!) : [];
}
