using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Nianbao.Documents.Text;
using Nianbao.Regions.Agencies;
using Nianbao.Regions.Divisions;
using Nianbao.Regions.Placement;

namespace Nianbao.Archive;

/// <summary>One row of an expected-agencies CSV that could not be taken, with the reason.</summary>
public sealed record ExpectedRowProblem(int Line, string Problem);

/// <summary>What reading an expected-agencies CSV gave: the agencies, placed, and the rows refused.</summary>
public sealed record ExpectedAgenciesRead(IReadOnlyList<ExpectedAgency> Agencies, IReadOnlyList<ExpectedRowProblem> Problems);

/// <summary>
/// The list of agencies a user expects reports from, as CSV (docs/regions.md, "Expected agencies"):
/// a header row, then one agency per row. Columns by header, in any order:
/// <c>name</c> (机关名称, required), <c>region</c> (区划代码 or 区划: a code, short or 12-digit, or a
/// division's name), <c>level</c> (层级) and <c>kind</c> (类型) — both optional, taken from the
/// placement when empty. UTF-8 with or without BOM; GB18030 (GBK, GB2312) when not UTF-8.
/// </summary>
public static class ExpectedAgenciesCsv
{
    private static readonly string[] NameHeaders = ["name", "agency", "机关名称", "机关", "名称", "单位名称"];
    private static readonly string[] RegionHeaders = ["region", "code", "region_code", "区划代码", "区划", "地区"];
    private static readonly string[] LevelHeaders = ["level", "层级", "级别"];
    private static readonly string[] KindHeaders = ["kind", "类型", "机关类型"];

    public static ExpectedAgenciesRead Read(byte[] bytes, string source, AgencyPlacer placer)
    {
        var decoded = TextDecoder.TryDecode(bytes)
            ?? throw new ArchiveException($"{source}: 不是文本文件（应为 UTF-8 或 GB18030 编码的 CSV）not a text file (UTF-8 or GB18030 CSV expected).");
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = null,
            DetectDelimiter = true,
            DetectDelimiterValues = [",", "\t", ";"],
        };
        using var csv = new CsvReader(new StringReader(decoded.Text), config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
            throw new ArchiveException($"{source}: 空文件 the CSV is empty.");
        var nameColumn = Column(header, NameHeaders)
            ?? throw new ArchiveException($"{source}: 缺少“name/机关名称”列 no name column (header: {string.Join(",", header)}).");
        var regionColumn = Column(header, RegionHeaders);
        var levelColumn = Column(header, LevelHeaders);
        var kindColumn = Column(header, KindHeaders);

        var agencies = new List<ExpectedAgency>();
        var problems = new List<ExpectedRowProblem>();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var name = csv.GetField(nameColumn)?.Trim() ?? "";
            if (name.Length == 0)
            {
                if (csv.Parser.Record?.Any(f => f.Trim().Length > 0) == true) problems.Add(new(line, "机关名称为空 the name is empty"));
                continue;
            }
            var regionText = regionColumn is { } rc ? csv.GetField(rc)?.Trim() : null;
            var placement = placer.Place(name);
            Division? region = null;
            if (regionText is { Length: > 0 })
            {
                region = FindRegion(regionText, placer);
                if (region is null)
                {
                    problems.Add(new(line, $"{name}: 找不到区划“{regionText}” no such division"));
                    continue;
                }
            }
            else if (placement.Status == PlacementStatus.Placed) region = placement.Region;
            var level = levelColumn is { } lc && csv.GetField(lc)?.Trim() is { Length: > 0 } l ? l : region?.Level.ToContractName();
            var kind = kindColumn is { } kc && csv.GetField(kc)?.Trim() is { Length: > 0 } k ? k : placement.Kind.ToContractName();
            agencies.Add(new ExpectedAgency(name, region is null ? null : AgencyRegistry.StoredCode(region), level, kind, null, source));
        }
        return new ExpectedAgenciesRead(agencies, problems);
    }

    private static Division? FindRegion(string text, AgencyPlacer placer)
    {
        if (text.All(char.IsAsciiDigit)) return placer.Tree.Find(text);
        var named = placer.Tree.WithName(text);
        if (named.Count == 1) return named[0];
        // A path (河南省信阳市新县) places like an agency name without an organ.
        var p = placer.Place(text);
        return p.Status == PlacementStatus.Placed ? p.Region : null;
    }

    private static int? Column(string[] header, string[] names)
    {
        for (var i = 0; i < header.Length; i++)
            if (names.Contains(header[i].Trim().TrimStart('\uFEFF'), StringComparer.OrdinalIgnoreCase)) return i;
        return null;
    }
}
