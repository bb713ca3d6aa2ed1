using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nianbao.Analysis.Summaries;
using Nianbao.Archive;
using Nianbao.Cli.Commands.Archive;
using Spectre.Console;

using Nianbao.Queries;

namespace Nianbao.Cli.Commands.Analysis;

/// <summary><c>nianbao missing --region R --year Y [--json]</c>: expected agencies without a current report.</summary>
internal static class MissingCommand
{
    public static Command Create()
    {
        var db = ArchiveOptions.Db();
        var region = new Option<string?>("--region") { Description = "地区 Region code or exact name (default: every expected agency)." };
        var year = YearsOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the list as JSON." };
        var command = new Command("missing", "应报未报 List the expected agencies without a report (import the list with the agencies command).") { db, region, year, json };
        command.SetAction(r => Run(r.GetValue(db), r.GetValue(region), r.GetValue(year)!, r.GetValue(json)));
        return command;
    }

    private static int Run(string? db, string? region, string yearText, bool json)
    {
        if (!YearsOption.TryRead(yearText, out var from, out var to)) return 2;
        using var store = ArchiveOptions.TryOpen(db);
        if (store is null) return 2;
        try
        {
            var scope = region is null ? null : store.ResolveRegionCode(region);
            var source = new ArchiveReports(store);
            var expected = source.Expected(scope);
            var present = store.ListReports(new ReportFilter { Region = scope, FromYear = from, ToYear = to })
                .Where(e => e.Year is not null).Select(e => (source.AgencyOf(e).Id, e.Year!.Value));
            var missing = Missing.Of(expected, present, Enumerable.Range(from, to - from + 1), scope);
            if (json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(missing.Select(m => new
                {
                    year = m.Year, agencyId = m.Agency.Id, agency = m.Agency.Name, regionCode = m.Agency.Placement?.RegionCode,
                    regionName = m.Agency.Placement?.RegionName, level = m.Agency.Placement?.Level, kind = m.Agency.Placement?.Kind,
                }), new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                return 0;
            }
            if (expected.Count == 0)
                AnsiConsole.MarkupLine("档案库中没有该地区的应报机关名单（用 agencies 命令导入 CSV） (no expected agencies for this region).");
            var table = new Table().Border(TableBorder.Rounded).Title($"应报未报 {missing.Count} · {expected.Count} 个应报机关 expected");
            table.AddColumns("年度", "机关", "区划代码", "区划", "层级");
            foreach (var m in missing)
                table.AddRow(m.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(m.Agency.Name), m.Agency.Placement?.RegionCode ?? "",
                    Markup.Escape(m.Agency.Placement?.RegionName ?? ""), m.Agency.Placement?.Level ?? "");
            AnsiConsole.Write(table);
            return 0;
        }
        catch (ArchiveException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
    }
}
