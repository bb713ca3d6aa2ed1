using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Domain.Templates;

namespace Nianbao.Checks.Rules;

using RuleIds = Nianbao.Domain.Findings.Rules;

/// <summary>
/// Y-3: the format must fit the reporting year (≤2018 legacy, 2019–2020 the 2019 trial format,
/// ≥2021 the 2021 format). T3-6: table 三 printed in the other format's shape — mostly a 2021
/// report that still prints （六）其他处理 as one row, which the reader keeps as printed.
/// </summary>
public sealed class TemplateYearCheck : IReportCheck
{
    public IEnumerable<Finding> Check(Report report)
    {
        if (report.Year is { } year && report.Template != ReportTemplate.Unknown)
        {
            var expected = ReportTemplateNames.ExpectedFor(year);
            if (report.Template != expected)
                yield return new Finding(RuleIds.TemplateYear, Severity.Error,
                    $"{Describe(report.Template)} used in a {year} report; a {year} report uses the {Describe(expected)}");
        }

        if (TemplateSchema.For(report.Template) is { } schema && report.Applications is { } table
            && !table.Schema.Rows.Select(r => r.Key).SequenceEqual(schema.Applications.Rows.Select(r => r.Key)))
        {
            var single = table.HasRow(ApplicationRows.OtherHandling);
            yield return new Finding(RuleIds.T3_TemplateShape, Severity.Error,
                single
                    ? $"Table 三 prints （六）其他处理 as one row, the 2019 layout, in a report in the {report.Template.ToContractName()} format, which has three （六） rows"
                    : $"Table 三 is laid out in a different format than the report's {report.Template.ToContractName()} format");
        }
    }

    private static string Describe(ReportTemplate template) => template switch
    {
        _ when TemplateSchema.For(template) is { } schema => schema.Description,
        ReportTemplate.Legacy => "pre-2019 free form",
        _ => "unknown format",
    };
}
