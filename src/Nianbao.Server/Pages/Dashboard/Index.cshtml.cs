using System.Text.Json;
using Nianbao.Archive;
using Nianbao.Queries;
using Nianbao.Server.Dashboards;
using Nianbao.Server.Web;

namespace Nianbao.Server.Pages.Dashboard;

/// <summary>
/// 区域看板: a region and year picked, the dashboard of <see cref="RegionDashboard"/> (one summary
/// call) as figures, ECharts charts drawn by /static/js/dashboard.js from the JSON embedded in the
/// page, and the list of expected agencies that have not published.
/// </summary>
public sealed class DashboardModel : NianbaoPage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string? Region { get; private set; }
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public Dashboards.Dashboard? Board { get; private set; }
    public string? Problem { get; private set; }

    public DashboardModel(GenerationCache cache) => _cache = cache;

    private readonly GenerationCache _cache;

    public void OnGet(string? region, int? year)
    {
        using var store = OpenStore();
        Years = RegionDashboard.YearsWithReports(store, _cache);
        Year = year ?? (Years.Count > 0 ? Years[0] : DateTime.Today.Year - 1);
        if (!Years.Contains(Year)) Years = [.. Years.Append(Year).OrderDescending()];
        Region = string.IsNullOrWhiteSpace(region) ? Access.RegionCode : region.Trim();
        try { Board = RegionDashboard.Build(store, Access, Region, Year, _cache); }
        catch (ArchiveException ex) { Problem = "地区无效：" + ex.Message; }
    }

    /// <summary>The dashboard as JSON for the charts' script (System.Text.Json escapes &lt; and &gt;, so it cannot close the script element).</summary>
    public string DataJson => JsonSerializer.Serialize(Board, Json);
}
