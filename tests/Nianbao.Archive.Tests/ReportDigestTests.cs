using FsCheck.Xunit;
using Nianbao.Checks;
using Nianbao.Domain;
using Nianbao.Synthetic;
using Xunit;

namespace Nianbao.Archive.Tests;

/// <summary>
/// The archive runs the checks across years on digests (<see cref="ReportDigest"/>, stored in
/// <c>report_digests</c>), not on whole reports: on generated pairs — different reports, a report and
/// its copy, a copied section 五, either template — the digest read back gives the findings the reports give.
/// </summary>
public sealed class ReportDigestTests
{
    private static Report Generated(int seed, bool format2021, bool blanks, bool inconsistent, int year)
    {
        var spec = new GenerationSpec(seed, format2021 ? ReportTemplate.Format2021 : ReportTemplate.Format2019,
            (NumberScale)(Math.Abs(seed) % 3), inconsistent, blanks);
        return ReportGenerator.Generate(spec).Truth with { Year = year };
    }

    private static ReportDigest RoundTrip(Report report)
    {
        var text = ReportDigest.Of(report).Encode();
        Assert.NotNull(text);
        return ReportDigest.Decode(text);
    }

    [Property(MaxTest = 80)]
    public void Digests_give_the_findings_of_the_reports(int seedA, int seedB, bool format2021A, bool format2021B, bool blanks, bool copyTables, bool copyProblems)
    {
        var previous = Generated(seedA, format2021A, blanks, inconsistent: seedA % 4 == 0, year: 2022);
        var current = copyTables ? previous with { Year = 2023 } : Generated(seedB, format2021B, !blanks, inconsistent: seedB % 4 == 0, year: 2023);
        if (copyProblems) current = current with { Sections = previous.Sections };

        var expected = CrossYearChecks.Compare(previous, current);
        var actual = CrossYearChecks.Compare(RoundTrip(previous).Facts, RoundTrip(current).Facts);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_copied_report_is_found_copied_through_its_digest()
    {
        var previous = Generated(7, format2021: true, blanks: false, inconsistent: false, year: 2022);
        var current = previous with { Year = 2023 };
        var rules = CrossYearChecks.Compare(RoundTrip(previous).Facts, RoundTrip(current).Facts).Select(f => f.Rule).ToList();
        Assert.Contains(Nianbao.Domain.Findings.Rules.SameAsLastYear, rules);
        Assert.Contains(Nianbao.Domain.Findings.Rules.EmptyProblems, rules);
        // A different section 五 of the same length is not a copy.
        var changed = current with { Sections = [.. current.Sections.Select(s => s.Number == 5 ? s with { Text = Swap(s.Text) } : s)] };
        Assert.DoesNotContain(Nianbao.Domain.Findings.Rules.EmptyProblems,
            CrossYearChecks.Compare(RoundTrip(previous).Facts, RoundTrip(changed).Facts).Select(f => f.Rule));
    }

    // One letter of section 五 changed: same length, other text.
    private static string Swap(string text)
    {
        var chars = text.ToCharArray();
        var i = Array.FindIndex(chars, char.IsLetterOrDigit);
        chars[i] = chars[i] == '甲' ? '乙' : '甲';
        return new string(chars);
    }

    [Fact]
    public void A_digest_keeps_the_year_the_numbers_and_whether_a_row_is_ambiguous()
    {
        var report = Generated(11, format2021: false, blanks: true, inconsistent: false, year: 2020);
        var digest = RoundTrip(report);
        Assert.Equal(2020, digest.Facts.Year);
        Assert.False(digest.HasAmbiguousRows);
        foreach (var table in report.Tables)
            Assert.Equal(table.Cells(), digest.Facts.Table(table.Kind)!.Cells());
        Assert.Equal(CrossYearFacts.Of(report).Problems, digest.Facts.Problems);

        // An ambiguous row of table 二 (R-1 with its readings) is what a neighbouring year may settle.
        var row = report.ActiveDisclosure!.Schema.Rows[0];
        var ambiguous = report with
        {
            ReadingNotes = [new Nianbao.Domain.Findings.Finding(Nianbao.Domain.Findings.Rules.AmbiguousDigits, Nianbao.Domain.Findings.Severity.Warning, "digits",
                row.Fields.Select(f => new CellPath(TableKind.ActiveDisclosure, row.Key, f.Key))) { Candidates = ["1 2 3", "12 3 ∅"] }],
        };
        Assert.True(RoundTrip(ambiguous).HasAmbiguousRows);
    }
}
