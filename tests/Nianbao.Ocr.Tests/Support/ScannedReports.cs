using Nianbao.Domain;
using Nianbao.Rendering;
using Nianbao.Synthetic;

namespace Nianbao.Ocr.Tests.Support;

/// <summary>
/// Generated reports with known numbers (both templates, non-zero numbers, every other one with a
/// deliberately wrong published total), printed to PDF by Chromium from the national-format HTML,
/// each printed once per test run and rasterised at the resolution a test asks for.
/// </summary>
internal static class ScannedReports
{
    private static readonly Lazy<List<(GeneratedReport Report, byte[] Pdf)>> Printed = new(() =>
        Enumerable.Range(0, Count).AsParallel().AsOrdered().WithDegreeOfParallelism(2).Select(i =>
        {
            var template = i % 2 == 0 ? ReportTemplate.Format2021 : ReportTemplate.Format2019;
            var report = ReportGenerator.Generate(new GenerationSpec(9100 + i, template, NumberScale.Mixed, Inconsistent: i % 2 == 0));
            return (report, new PdfRenderer().Render(report.Truth));
        }).ToList());

    /// <summary>Reports printed per run: each is read at 150, 200 and 300 dpi.</summary>
    public const int Count = 5;

    public static IReadOnlyList<(GeneratedReport Report, byte[] Pdf)> All => Printed.Value;
}
