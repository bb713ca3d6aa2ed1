using Nianbao.Domain;
using Nianbao.Rendering;
using Nianbao.Synthetic;

namespace Nianbao.Ocr.Tests.Support;

/// <summary>
/// Generated reports with known numbers (both templates, non-zero numbers, two of three with a
/// deliberately wrong published total), printed to PDF by Chromium from the national-format HTML
/// once per test run. Each resolution reads two of them (one of each template), so every report is
/// read at two resolutions and no work is repeated at the same one.
/// </summary>
internal static class ScannedReports
{
    private static readonly Lazy<List<(GeneratedReport Report, byte[] Pdf)>> Printed = new(() =>
        Enumerable.Range(0, Count).AsParallel().AsOrdered().WithDegreeOfParallelism(2).Select(i =>
        {
            var template = i % 2 == 0 ? ReportTemplate.Format2021 : ReportTemplate.Format2019;
            var report = ReportGenerator.Generate(new GenerationSpec(9100 + i, template, NumberScale.Mixed, Inconsistent: i < 2));
            return (report, new PdfRenderer().Render(report.Truth));
        }).ToList());

    /// <summary>Reports printed per run.</summary>
    public const int Count = 3;

    public static IReadOnlyList<(GeneratedReport Report, byte[] Pdf)> All => Printed.Value;

    /// <summary>The two reports read at a resolution: the first as an image-only PDF, the second as one long PNG.</summary>
    public static IReadOnlyList<int> ReadAt(int dpi) => dpi switch
    {
        150 => [0, 1],
        200 => [1, 2],
        _ => [2, 0],
    };
}
