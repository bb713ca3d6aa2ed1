using Nianbao.Synthetic;
using Nianbao.Domain;

namespace Nianbao.Tests.Generation;

/// <summary>Fixed-seed cases: quick to rerun, and the same documents every time.</summary>
public class ShapeFacts
{
    public static TheoryData<TextShape, ReportTemplate, NumberScale, bool> CleanCases()
    {
        var data = new TheoryData<TextShape, ReportTemplate, NumberScale, bool>();
        foreach (var shape in new[] { TextShape.Tabs, TextShape.CellPerLine, TextShape.WrappedKangxi, TextShape.Markdown, TextShape.Gb18030, TextShape.Utf16 })
        foreach (var template in new[] { ReportTemplate.Format2021, ReportTemplate.Format2019 })
        {
            data.Add(shape, template, NumberScale.Small, false);
            data.Add(shape, template, NumberScale.Large, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CleanCases))]
    public void Clean_shape_reads_back_exactly(TextShape shape, ReportTemplate template, NumberScale scale, bool wrongTotal)
    {
        var g = ReportGenerator.Generate(new GenerationSpec(2024, template, scale, wrongTotal));
        var outcome = ShapeChecks.Exact(g, TextShapes.Render(g, shape, 2024));
        Assert.True(outcome.Problems.Count == 0, outcome.Describe());
        // Every number read carries provenance (checked against the text inside ShapeChecks).
        Assert.Equal(ShapeChecks.Cells(g.Truth).Count(c => c.Value is not null), outcome.Parsed.Provenance.Count);
    }

    [Theory]
    [InlineData(ReportTemplate.Format2021, NumberScale.Small, 11)]
    [InlineData(ReportTemplate.Format2021, NumberScale.Mixed, 12)]
    [InlineData(ReportTemplate.Format2021, NumberScale.Large, 13)]
    public void Run_together_2021_never_gives_a_wrong_number(ReportTemplate template, NumberScale scale, int seed)
    {
        var g = ReportGenerator.Generate(new GenerationSpec(seed, template, scale, false));
        var outcome = ShapeChecks.NeverWrong(g, TextShapes.Render(g, TextShape.RunTogether, seed));
        Assert.True(outcome.Problems.Count == 0, outcome.Describe());
    }

    [Fact]
    public void Run_together_small_report_is_read_completely()
    {
        var g = ReportGenerator.Generate(new GenerationSpec(5, ReportTemplate.Format2021, NumberScale.Small, false));
        var outcome = ShapeChecks.Exact(g, TextShapes.Render(g, TextShape.RunTogether, 5));
        // Table 二's three-cell rows may stay null when their digits allow several readings; table 三 and 四 must not.
        var problems = outcome.Problems.Where(p => !p.StartsWith("activeDisclosure.", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, outcome.Describe());
    }

    [Fact]
    public void Wrong_total_in_run_together_text_is_never_repaired()
    {
        // Seed chosen so that the altered total is in table 三; the row cannot agree with its total,
        // so it must come back as printed or null — never as the sum of its parts.
        for (var seed = 1; seed <= 10; seed++)
        {
            var g = ReportGenerator.Generate(new GenerationSpec(seed, ReportTemplate.Format2021, NumberScale.Small, true));
            var parsed = ShapeChecks.Read(g, TextShapes.Render(g, TextShape.RunTogether, seed)).Parsed;
            foreach (var path in g.AlteredCells)
                Assert.True(parsed[path] is null || parsed[path] == g.Truth[path],
                    $"{g.Spec}: {path} printed {g.Printed(path)}, read {ReportGenerator.Format(parsed[path])}");
        }
    }

    /// <summary>Seed 27 (2019, small) drops 本年增/减 "11" of 行政强制: "11 0" must not become 1, 1, 0.</summary>
    [Fact]
    public void Lost_cell_in_a_tab_row_is_not_filled_by_splitting_a_neighbour()
    {
        var g = ReportGenerator.Generate(new GenerationSpec(27, ReportTemplate.Format2019, NumberScale.Small, false));
        var outcome = ShapeChecks.LostCells(g, TextShapes.Render(g, TextShape.LostCells, 27));
        Assert.True(outcome.Problems.Count == 0, outcome.Describe());
    }
}
