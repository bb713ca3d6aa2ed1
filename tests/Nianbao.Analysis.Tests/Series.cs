using Nianbao.Analysis.Agencies;
using Nianbao.Domain;
using Nianbao.Domain.Findings;
using Nianbao.Synthetic;

namespace Nianbao.Analysis.Tests;

/// <summary>A generated report of one agency and year, with the cells made ambiguous or unread on purpose.</summary>
public sealed record SeriesReport(AgencyRef Agency, Report Report, IReadOnlyDictionary<CellPath, decimal> Ambiguous, IReadOnlyDictionary<CellPath, decimal> Unread)
{
    public AgencyReport Entry => new(Agency, Report);
}

/// <summary>
/// Multi-year series of generated reports (src/Nianbao.Synthetic) for agencies in two provinces at
/// every level, one unplaced: 2020 in the 2019 format, 2021–2023 in the 2021 format, zero cells
/// printed blank, some cells left ambiguous (R-1, with readings) or unread as a reader leaves
/// them, one legacy report without tables, and one expected agency that never reports.
/// </summary>
public static class Series
{
    public static readonly AgencyRef Xinxian = new("a-xinxian", "新县人民政府", new("411523000000", "河南省信阳市新县", "county", "government"));
    public static readonly AgencyRef Sidian = new("a-sidian", "新县泗店乡人民政府", new("411523105000", "河南省信阳市新县泗店乡", "township", "township"));
    public static readonly AgencyRef XinyangCommerce = new("a-xinyang-commerce", "信阳市商务局", new("411500000000", "河南省信阳市", "city", "department"));
    public static readonly AgencyRef HenanScience = new("a-henan-science", "河南省科学技术厅", new("410000000000", "河南省", "province", "department"));
    public static readonly AgencyRef Shuyang = new("a-shuyang", "沭阳县人民政府", new("321322000000", "江苏省宿迁市沭阳县", "county", "government"));
    public static readonly AgencyRef ShuyangTown = new("a-shuyang-town", "沭阳县沭城街道办事处", new("321322001000", "江苏省宿迁市沭阳县沭城街道", "township", "township"));
    public static readonly AgencyRef Unplaced = new("a-unplaced", "城关镇人民政府");
    /// <summary>Expected but never reports.</summary>
    public static readonly AgencyRef Kafang = new("a-kafang", "新县卡房乡人民政府", new("411523106000", "河南省信阳市新县卡房乡", "township", "township"));

    public static IReadOnlyList<AgencyRef> Reporting { get; } = [Xinxian, Sidian, XinyangCommerce, HenanScience, Shuyang, ShuyangTown, Unplaced];
    public static IReadOnlyList<AgencyRef> Expected { get; } = [.. Reporting, Kafang];
    public static IReadOnlyList<int> Years { get; } = [2020, 2021, 2022, 2023];

    public static List<SeriesReport> Make(int seed)
    {
        var random = new Random(seed);
        var reports = new List<SeriesReport>();
        foreach (var agency in Reporting)
        foreach (var year in Years)
        {
            if (agency == Unplaced && year == 2022)
            {
                // A report read as legacy: no national tables, so every cell is absent.
                reports.Add(new SeriesReport(agency, new Report { Agency = agency.Name, Year = year, Template = ReportTemplate.Legacy }, new Dictionary<CellPath, decimal>(), new Dictionary<CellPath, decimal>()));
                continue;
            }
            var template = year <= 2020 ? ReportTemplate.Format2019 : ReportTemplate.Format2021;
            var scale = random.Next(3) == 0 ? NumberScale.Mixed : NumberScale.Small;
            var spec = new GenerationSpec(random.Next(), template, scale, Inconsistent: random.Next(4) == 0, Blanks: random.Next(2) == 0);
            var draft = ReportGenerator.Generate(spec).Truth.ToDraft();
            draft.Agency = agency.Name;
            draft.Year = year;
            reports.Add(Hide(agency, draft, random));
        }
        return reports;
    }

    /// <summary>Leaves a few numbers null as a reader does when it cannot be sure, with the reading note naming them.</summary>
    public static SeriesReport Hide(AgencyRef agency, ReportDraft report, Random random)
    {
        var ambiguous = new Dictionary<CellPath, decimal>();
        var unread = new Dictionary<CellPath, decimal>();
        var numbers = report.Tables.SelectMany(t => t.Cells()).Where(c => c.Value is not null).ToList();
        var hide = random.Next(0, 4);
        for (var i = 0; i < hide && numbers.Count > 0; i++)
        {
            var (path, value) = numbers[random.Next(numbers.Count)];
            if (ambiguous.ContainsKey(path) || unread.ContainsKey(path)) continue;
            report.Table(path.Table)![path] = null;
            if (random.Next(3) > 0)
            {
                ambiguous[path] = value!.Value;
                report.Note(new Finding(Rules.AmbiguousDigits, Severity.Warning, "数字连写，有多种读法", path) { Candidates = [$"{value}", $"{value}0"] });
            }
            else
            {
                unread[path] = value!.Value;
                report.Note(new Finding(Rules.LostCells, Severity.Warning, "转换中丢失单元格", path));
            }
        }
        return new SeriesReport(agency, report.Publish(), ambiguous, unread);
    }
}
