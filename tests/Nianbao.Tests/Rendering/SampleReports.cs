using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Tests.Rendering;

/// <summary>
/// Reports with random non-zero numbers for the rendering tests. Totals are random too, so they
/// deliberately do not add up: a renderer must print what the report holds, not what would balance.
/// </summary>
internal static class SampleReports
{
    public static Report Random(ReportTemplate template, int seed, bool withNarrative = true)
    {
        var rnd = new Random(seed);
        var report = ReportDraft.Blank(template, "测试县大寨乡人民政府", template == ReportTemplate.Format2019 ? 2020 : 2023);
        report.PublishedOn = new DateOnly(report.Year!.Value + 1, 1, 20);
        foreach (var table in report.Tables)
            foreach (var (path, _) in table.Cells())
                table[path] = NonZero(rnd, table.Schema.Field(path)!.Kind);
        if (withNarrative)
            foreach (var s in StatutorySections.All)
                report.Sections.Add(new Section(s.Number, s.Title,
                    s.Number is 2 or 3 or 4 ? "" : $"{s.Title}第一段，共{rnd.Next(2, 90)}件。\n{s.Title}第二段。"));
        return report.Publish();
    }

    private static decimal NonZero(Random rnd, ValueKind kind) => kind switch
    {
        // Money keeps the decimals as stored, trailing zero included ("12.50").
        ValueKind.Money => decimal.Round((decimal)rnd.Next(1, 999_999) / 100m, 2) + 0.00m,
        ValueKind.SignedCount => rnd.Next(2) == 0 ? -rnd.Next(1, 60) : rnd.Next(1, 60),
        _ => rnd.Next(1, 1000),
    };

    public static IEnumerable<(CellPath Path, decimal? Value)> AllCells(Report report) =>
        report.Tables.SelectMany(t => t.Cells());
}
