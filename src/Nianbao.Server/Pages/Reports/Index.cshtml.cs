using System.Globalization;
using Nianbao.Archive;
using Nianbao.Server.Web;

namespace Nianbao.Server.Pages.Reports;

/// <summary>The report list: the API's filters (region, agency, year, template, has errors), narrowed to what the account sees.</summary>
public sealed class ReportListModel : NianbaoPage
{
    public const int Limit = 500;

    public static IReadOnlyList<(string Value, string Label)> Templates { get; } =
        [("2021", "2021 版"), ("2019", "2019 版（试行）"), ("legacy", "2019 年以前"), ("unknown", "未识别")];

    public string? Region { get; private set; }
    public string? Agency { get; private set; }
    public int? Year { get; private set; }
    public string? Template { get; private set; }
    public bool HasErrors { get; private set; }
    public string? Problem { get; private set; }
    public IReadOnlyList<ReportEntry> Reports { get; private set; } = [];

    public void OnGet(string? region, string? agency, int? year, string? template, bool? hasErrors)
    {
        (Region, Agency, Year, Template, HasErrors) = (Blank(region), Blank(agency), year, Blank(template), hasErrors == true);
        var filter = Access.Narrow(new ReportFilter { Region = Region, Agency = Agency, Year = Year, Template = Template, WithErrors = HasErrors, Limit = Limit });
        using var store = OpenStore();
        try { Reports = store.ListReports(filter); }
        catch (ArchiveException ex) { Problem = "筛选条件无效：" + ex.Message; }
    }

    public static string TemplateName(string template) => Templates.FirstOrDefault(t => t.Value == template).Label ?? template;

    public static string Time(string iso) =>
        DateTime.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t)
            ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : iso;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
