using System.Globalization;
using Nianbao.Domain;
using Nianbao.Domain.Tables;
using Nianbao.Domain.Templates;

namespace Nianbao.Rendering;

/// <summary>
/// The words every renderer prints the same way: the title, the six section headings, the
/// placeholders that mark what the report lacks, and numbers exactly as stored.
/// </summary>
public static class ReportText
{
    /// <summary>Printed where a statutory section is absent from the report.</summary>
    public const string MissingSection = "【本节内容缺失，请补充】";

    /// <summary>Printed where a section is present but its text is still empty (a new report).</summary>
    public const string EmptySection = "【本节内容待填写】";

    /// <summary>Printed where the report has no numbers for a statutory table.</summary>
    public const string MissingTable = "【本表数据缺失，请补充】";

    public static string Title(Report report) =>
        $"{report.Agency ?? "【机关名称】"}{(report.Year is { } y ? y.ToString(CultureInfo.InvariantCulture) : "【年度】")}年政府信息公开工作年度报告";

    /// <summary>A section as it will be printed, in statutory order, whether the report has it or not.</summary>
    public sealed record PrintedSection(int Number, string Heading, IReadOnlyList<string> Paragraphs, string? Placeholder, TableKind? Table);

    public static IReadOnlyList<PrintedSection> Sections(Report report)
    {
        var printed = new List<PrintedSection>();
        foreach (var schema in StatutorySections.All)
        {
            var section = report.Sections.FirstOrDefault(s => s.Number == schema.Number);
            var title = string.IsNullOrWhiteSpace(section?.Title) ? schema.Title : section.Title.Trim();
            var heading = $"{StatutorySections.ChineseNumerals[schema.Number - 1]}、{StripNumeral(title)}";
            IReadOnlyList<string> paragraphs = Paragraphs(section?.Text);
            TableKind? table = schema.Number switch
            {
                2 => TableKind.ActiveDisclosure,
                3 => TableKind.Applications,
                4 => TableKind.ReviewsAndLawsuits,
                _ => null,
            };
            // The table is printed as a table: its text read from a document is not printed again.
            if (table is { } kind) paragraphs = TableEcho.Strip(paragraphs, report, kind);
            // Sections 二–四 are their tables; their narrative is optional. The others are narrative
            // only, and an empty one must show, never print as nothing.
            string? placeholder = null;
            if (table is null && paragraphs.Count == 0)
                placeholder = section is null ? MissingSection : EmptySection;
            printed.Add(new PrintedSection(schema.Number, heading, paragraphs, placeholder, table));
        }
        return printed;
    }

    // A title read from a document may still carry its numeral ("一、总体情况").
    private static string StripNumeral(string title)
    {
        var t = title.TrimStart();
        foreach (var n in StatutorySections.ChineseNumerals)
            if (t.StartsWith(n, StringComparison.Ordinal) && t.Length > n.Length && t[n.Length] is '、' or '.' or '．' or ' ')
                return t[(n.Length + 1)..].Trim();
        return t;
    }

    public static IReadOnlyList<string> Paragraphs(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Replace("\r\n", "\n").Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();

    /// <summary>The caption of the optional fee-collection table (some 2025 reports).</summary>
    public const string FeeCollectionCaption = "信息处理费收取情况";

    /// <summary>A number exactly as stored: money keeps its decimals, a null cell is an empty string.</summary>
    public static string Number(decimal? value) =>
        value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "";

    public static string Date(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";
}
