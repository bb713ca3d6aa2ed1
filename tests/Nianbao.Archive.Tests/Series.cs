using System.Text;
using Nianbao.Domain;
using Nianbao.Domain.Templates;
using Nianbao.Synthetic;

namespace Nianbao.Archive.Tests;

/// <summary>
/// Reports of one agency over several years, generated with known numbers and printed as tab-separated
/// text (a shape the reader reads exactly), with a publication date line.
/// </summary>
internal static class Series
{
    public static GeneratedReport Generate(string agency, int year, int seed)
    {
        var g = ReportGenerator.Generate(new GenerationSpec(seed, ReportTemplate.Format2021, NumberScale.Mixed, Inconsistent: false));
        var generatedYear = g.Truth.Year!.Value;
        return ReportGenerator.Rebuild(g, r =>
        {
            r.Agency = agency;
            r.Year = year;
            // The narrative names the statistics year: make it this report's.
            var sections = r.Sections.Select(s => s with { Text = s.Text.Replace($"{generatedYear}年", $"{year}年", StringComparison.Ordinal) }).ToList();
            r.Sections.Clear();
            r.Sections.AddRange(sections);
        }, keepAlterations: false);
    }

    /// <summary>Next year's report, continuing <paramref name="previous"/>: 上年结转 = last year's 结转下年度, 现行有效 carried on.</summary>
    public static GeneratedReport Next(GeneratedReport previous, int seed, Action<ReportDraft>? edit = null)
    {
        var before = previous.Truth;
        var fresh = Generate(before.Agency!, before.Year!.Value + 1, seed);
        return ReportGenerator.Rebuild(fresh, r =>
        {
            foreach (var column in ApplicationColumns.Applicants)
            {
                var forward = before.Applications![ApplicationRows.CarriedForward, column];
                r.Applications![ApplicationRows.CarriedOver, column] = forward;
                // Balance keeps 上年结转 ≤ handled + forward: carry the same amount forward again.
                r.Applications[ApplicationRows.CarriedForward, column] = forward;
            }
            foreach (var row in new[] { "regulations", "normativeDocuments" })
            {
                var stock = before.ActiveDisclosure![row, "inForce"]!.Value;
                var issued = r.ActiveDisclosure![row, "issued"]!.Value;
                var repealed = Math.Min(r.ActiveDisclosure[row, "repealed"]!.Value, stock + issued);
                r.ActiveDisclosure[row, "repealed"] = repealed;
                r.ActiveDisclosure[row, "inForce"] = stock + issued - repealed;
            }
            // Each year's section 五 says something of its own (a copied one is a finding).
            var five = r.Sections.FindIndex(s => s.Number == 5);
            r.Sections[five] = r.Sections[five] with { Text = r.Sections[five].Text + $"{r.Year}年将重点完善政策解读工作。" };
            edit?.Invoke(r);
        }, keepAlterations: false);
    }

    /// <summary>The report in the page-text shape: every row's digits run together (corpus pingtan-2021.txt).</summary>
    public static byte[] PrintRunTogether(GeneratedReport report) =>
        TextShapes.Render(report, TextShape.RunTogether, 1).Bytes;

    /// <summary>The report printed as tab-separated text with "发布日期：…" under the title.</summary>
    public static byte[] Print(GeneratedReport report, DateOnly? published)
    {
        var text = TextShapes.Render(report, TextShape.Tabs, 1).Text;
        if (published is { } d)
        {
            var firstBreak = text.IndexOf('\n');
            text = text[..(firstBreak + 1)] + $"发布日期：{d:yyyy-MM-dd}\n" + text[(firstBreak + 1)..];
        }
        return Encoding.UTF8.GetBytes(text);
    }
}
