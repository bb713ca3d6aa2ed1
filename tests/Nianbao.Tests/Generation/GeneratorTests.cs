using Nianbao.Synthetic;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nianbao.Domain;
using Nianbao.Domain.Templates;

namespace Nianbao.Tests.Generation;

/// <summary>The generator and the shapes themselves: reports consistent by construction, one wrong
/// total when asked, and each shape really looking like the shape it claims to be.</summary>
public class GeneratorTests
{
    private static Arbitrary<GenerationSpec> Specs() => Arb.From(
        from seed in Gen.Choose(1, 1_000_000)
        from template in Gen.Elements(ReportTemplate.Format2021, ReportTemplate.Format2019)
        from scale in Gen.Elements(NumberScale.Small, NumberScale.Mixed, NumberScale.Large)
        from wrong in Gen.Elements(false, true)
        from blanks in Gen.Elements(false, true)
        select new GenerationSpec(seed, template, scale, wrong, blanks, HeadingVariants: blanks));

    [Property(MaxTest = 200)]
    public Property Consistent_by_construction_unless_a_total_was_altered() => Prop.ForAll(Specs(), spec =>
    {
        var g = ReportGenerator.Generate(spec);
        var broken = BrokenIdentities(g.Truth);
        if (spec.Inconsistent) Assert.NotEmpty(broken);
        else Assert.Empty(broken);
        Assert.Equal(spec.Inconsistent ? 1 : 0, g.Alterations.Count);
        if (!spec.Blanks) Assert.All(g.Truth.Tables.SelectMany(t => t.Cells()), c => Assert.NotNull(c.Value));
        Assert.True(g.Truth.Tables.SelectMany(t => t.Cells()).Any(c => c.Value is not 0m), "a report of only zeros");
        Assert.Equal([1, 2, 3, 4, 5, 6], g.Truth.Sections.Select(s => s.Number));
        Assert.Contains("信息处理费", g.Truth.Sections[5].Text);
    });

    [Property(MaxTest = 100)]
    public Property Shrinking_keeps_the_identities() => Prop.ForAll(Specs(), spec =>
    {
        var g = ReportGenerator.Generate(spec);
        foreach (var smaller in ReportShrinker.Candidates(g))
            Assert.Equal(smaller.Alterations.Count > 0, BrokenIdentities(smaller.Truth).Count > 0);
    });

    [Fact]
    public void Money_keeps_decimals_and_changes_keep_their_sign()
    {
        var reports = Enumerable.Range(1, 200).Select(s => ReportGenerator.Generate(new GenerationSpec(s, s % 2 == 0 ? ReportTemplate.Format2021 : ReportTemplate.Format2019, NumberScale.Mixed, false))).ToList();
        Assert.Contains(reports, r => r.Truth.Template == ReportTemplate.Format2021 && r.Truth.ActiveDisclosure!["fees", "amountWanYuan"] is { } v && v != decimal.Truncate(v));
        Assert.Contains(reports, r => r.Truth.Template == ReportTemplate.Format2019 && r.Truth.ActiveDisclosure!["licensing", "change"] is < 0);
        Assert.All(reports.Select(r => r.Truth.ActiveDisclosure!.Cells()).SelectMany(c => c).Where(c => c.Value is { } v && v != decimal.Truncate(v)),
            c => Assert.True(c.Value!.Value.Scale <= 4));
    }

    [Fact]
    public void Each_shape_looks_like_its_seed()
    {
        var g = ReportGenerator.Generate(new GenerationSpec(7, ReportTemplate.Format2021, NumberScale.Small, false));
        string Text(TextShape s) => TextShapes.Render(g, s, 7).Text;

        Assert.Contains("\t", Text(TextShape.Tabs));
        Assert.StartsWith(g.Title, Text(TextShape.Tabs));

        var cells = Text(TextShape.CellPerLine);
        Assert.DoesNotContain("\t", cells);
        Assert.Contains("\n第二十条第\n", cells);
        Assert.Contains("危及三安全一稳定", cells);

        var kangxi = Text(TextShape.WrappedKangxi);
        Assert.Contains(kangxi, c => c is >= '\u2F00' and <= '\u2FDF');
        Assert.Contains(kangxi.Split('\n'), l => l.Length > 0 && l.All(c => char.IsAsciiDigit(c) || c == ' ')); // numbers on their own line after a wrapped label

        var markdown = Text(TextShape.Markdown);
        Assert.Contains("|---|", markdown);
        Assert.StartsWith("# ", markdown);

        var run = Text(TextShape.RunTogether);
        Assert.Equal(2, run.TrimEnd('\n').Split('\n').Length);
        Assert.Matches(@"属于国家秘密\d+2\.其他法律", run);

        var gb = TextShapes.Render(g, TextShape.Gb18030, 7).Bytes;
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(gb));
        var utf16 = TextShapes.Render(g, TextShape.Utf16, 7).Bytes;
        Assert.Equal([0xFF, 0xFE], utf16[..2]);

        var lost = TextShapes.Render(g, TextShape.LostCells, 7);
        Assert.NotEmpty(lost.DamagedRows);
    }

    [Fact]
    public void Corpus_factory_is_deterministic_and_covers_every_shape()
    {
        var first = CorpusFactory.Cases(24, 42).ToList();
        var again = CorpusFactory.Generate(24, 42).ToList();
        Assert.Equal(24, first.Count);
        Assert.Equal(first.Select(c => c.Name), again.Select(c => c.Name));
        Assert.True(first.Zip(again).All(p => p.First.Bytes.AsSpan().SequenceEqual(p.Second.Bytes)));
        Assert.Equal(TextShapes.All.ToHashSet(), first.Select(c => c.Shape).ToHashSet());
        Assert.Equal(first.Count, first.Select(c => c.Name).Distinct().Count());
        Assert.NotEqual(first.Select(c => c.Name), CorpusFactory.Generate(24, 43).Select(c => c.Name));
    }

    [Fact]
    public void Corpus_factory_files_are_reports_the_pipeline_reads()
    {
        foreach (var c in CorpusFactory.Cases(16, 7))
        {
            var parsed = ReportPipeline.Default.Read(c.Bytes, c.Name);
            Assert.Equal((c.Report.Truth.Agency, c.Report.Truth.Year, c.Report.Truth.Template), (parsed.Agency, parsed.Year, parsed.Template));
            Assert.NotNull(parsed.Applications);
        }
    }

    /// <summary>The identities of domain.md "The checks that matter" that fail in a report.</summary>
    private static List<string> BrokenIdentities(Report report)
    {
        var broken = new List<string>();
        var t3 = report.Applications!;
        foreach (var row in t3.Schema.Rows)
            if (ApplicationColumns.Applicants.Sum(c => V(t3[row.Key, c])) != V(t3[row.Key, ApplicationColumns.Total])) broken.Add($"row {row.Key}");
        foreach (var column in ApplicationColumns.All.Select(c => c.Key))
        {
            var results = ApplicationRows.ResultRows(t3.Schema).Sum(r => V(t3[r.Key, column]));
            if (results != V(t3[ApplicationRows.TotalHandled, column])) broken.Add($"（七） {column}");
            if (V(t3[ApplicationRows.Received, column]) + V(t3[ApplicationRows.CarriedOver, column])
                != V(t3[ApplicationRows.TotalHandled, column]) + V(t3[ApplicationRows.CarriedForward, column])) broken.Add($"balance {column}");
        }
        var t4 = report.ReviewsAndLawsuits!;
        foreach (var row in t4.Schema.Rows)
            if (ReviewColumns.Parts.Sum(p => V(t4[row.Key, p])) != V(t4[row.Key, ReviewColumns.Total])) broken.Add($"table 四 {row.Key}");
        return broken;
    }

    // A blank adds nothing to a sum.
    private static decimal V(decimal? value) => value ?? 0m;
}
