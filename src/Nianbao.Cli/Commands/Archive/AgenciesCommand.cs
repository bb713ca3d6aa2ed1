using System.CommandLine;
using System.Text.Json;
using Nianbao.Archive;
using Nianbao.Regions.Agencies;
using Nianbao.Regions.Divisions;
using Spectre.Console;

namespace Nianbao.Cli.Commands.Archive;

/// <summary>
/// <c>nianbao agencies …</c>: the archive's agencies on the division map — list, show, pin (place or
/// correct by hand), unpin (place automatically again), merge two agencies, expect (import the list of
/// agencies reports are expected from, CSV). See docs/regions.md.
/// </summary>
internal static class AgenciesCommand
{
    public static Command Create()
    {
        var command = new Command("agencies", "机关 The archive's agencies and where they stand on the division map (统计用区划代码).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Pin());
        command.Subcommands.Add(Unpin());
        command.Subcommands.Add(Merge());
        command.Subcommands.Add(Expect());
        command.Subcommands.Add(Bench());
        return command;
    }

    private static Command Bench()
    {
        var command = new Command("bench", "测量 Time loading the division tree (first load in this process, then again) and placing names with a report-sized text.");
        command.SetAction(_ =>
        {
            var process = System.Diagnostics.Process.GetCurrentProcess();
            (double Wall, double Cpu, T Value) Measure<T>(Func<T> work)
            {
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                var sw = System.Diagnostics.Stopwatch.StartNew();
                var value = work();
                sw.Stop();
                process.Refresh();
                return (sw.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu0).TotalMilliseconds, value);
            }
            var heap0 = GC.GetTotalMemory(true);
            var first = Measure(() => DivisionTree.Shared);
            var retained = GC.GetTotalMemory(true) - heap0;
            Console.Out.WriteLine($"division tree, first load: {first.Value.Count} divisions, {first.Wall:F0} ms wall, {first.Cpu:F0} ms CPU (all threads, JIT included), {retained / 1048576.0:F1} MB retained");
            var again = Enumerable.Range(0, 3).Select(_ => Measure(() => DivisionTree.Load(EmbeddedTsv()))).ToList();
            Console.Out.WriteLine($"division tree, loaded again (warm, 3 runs): best {again.Min(a => a.Wall):F0} ms wall, {again.Min(a => a.Cpu):F0} ms CPU");
            // Every county-level division's government named with its province and a text of report size naming its city.
            var counties = first.Value.All.Where(d => d.Level == DivisionLevel.County).ToList();
            var filler = string.Concat(Enumerable.Repeat("本年度严格落实政府信息公开条例，主动公开政府信息，依申请公开工作规范有序。", 60));
            var placer = Nianbao.Regions.Placement.AgencyPlacer.Default;
            var placing = Measure(() => counties.Count(c => placer.Place(c.Name + "人民政府", filler + (c.Parent?.Name ?? "")).Status == Nianbao.Regions.Placement.PlacementStatus.Placed));
            Console.Out.WriteLine($"placement: {counties.Count} county governments with a {filler.Length}-character text each: {counties.Count / (placing.Wall / 1000):F0} names/s wall, {placing.Cpu / counties.Count:F2} ms CPU each, {placing.Value} placed");
            return 0;
        });
        return command;
    }

    private static Stream EmbeddedTsv() =>
        new System.IO.Compression.GZipStream(
            typeof(DivisionTree).Assembly.GetManifestResourceStream("Nianbao.Regions.divisions.tsv.gz")!,
            System.IO.Compression.CompressionMode.Decompress);

    private static Command List()
    {
        var db = ArchiveOptions.Db();
        var unplaced = new Option<bool>("--unplaced") { Description = "只列未定位的 Only agencies not placed (ambiguous or unknown)." };
        var region = new Option<string?>("--region") { Description = "地区 Only agencies placed in this region or below (code or name)." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("list", "列出机关 List agencies with their placement.") { db, unplaced, region, json };
        command.SetAction(r => WithStore(r.GetValue(db), store =>
        {
            var agencies = store.Agencies().AsEnumerable();
            if (r.GetValue(unplaced)) agencies = agencies.Where(a => a.PlacementStatus != PlacementStatuses.Placed);
            if (r.GetValue(region) is { Length: > 0 } reg)
            {
                var prefix = ArchiveStore.RegionPrefix(ResolveRegion(store, reg));
                agencies = agencies.Where(a => a.RegionCode?.StartsWith(prefix, StringComparison.Ordinal) == true);
            }
            var list = agencies.ToList();
            if (r.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(list.Select(Json), JsonOptions));
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).Title($"{list.Count} 个机关 agencies");
            table.AddColumns("id", "机关 name", "定位 status", "区划代码 code", "区划 region", "层级 level", "类型 kind");
            foreach (var a in list)
                table.AddRow(a.Id, Markup.Escape(a.Name), Status(a), a.RegionCode ?? "", Markup.Escape(PathOf(a.RegionCode)), a.Level ?? "", a.Kind ?? "");
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var db = ArchiveOptions.Db();
        var agency = new Argument<string>("agency") { Description = "Agency id or any of its names." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("show", "机关详情 One agency: names, placement and its evidence, candidates.") { agency, db, json };
        command.SetAction(r => WithStore(r.GetValue(db), store =>
        {
            if (Find(store, r.GetValue(agency)!) is not { } a) return 1;
            var names = store.NameVariants(a.Id);
            if (r.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { agency = Json(a), names }, JsonOptions));
                return 0;
            }
            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow("id", a.Id);
            grid.AddRow("机关 name", Markup.Escape(a.Name));
            grid.AddRow("名称 variants", Markup.Escape(string.Join("、", names)));
            grid.AddRow("定位 status", Status(a));
            grid.AddRow("区划 region", Markup.Escape($"{a.RegionCode} {PathOf(a.RegionCode)}".Trim()));
            grid.AddRow("层级/类型 level/kind", $"{a.Level ?? "-"} / {a.Kind ?? "-"}");
            grid.AddRow("依据 evidence", Markup.Escape(a.PlacementNote ?? "-"));
            foreach (var c in Candidates(a)) grid.AddRow("候选 candidate", Markup.Escape($"{c} {PathOf(c)}"));
            AnsiConsole.Write(grid);
            return 0;
        }));
        return command;
    }

    private static Command Pin()
    {
        var db = ArchiveOptions.Db();
        var agency = new Argument<string>("agency") { Description = "Agency id or any of its names." };
        var region = new Argument<string>("region") { Description = "区划 Division code (short or 12-digit) or name (e.g. 河南省信阳市新县泗店乡)." };
        var command = new Command("pin", "人工定位 Place or correct an agency by hand and pin it: automatic placement leaves it alone.") { agency, region, db };
        command.SetAction(r => WithStore(r.GetValue(db), store =>
        {
            if (Find(store, r.GetValue(agency)!) is not { } a) return 1;
            var registry = new AgencyRegistry(store);
            var text = r.GetValue(region)!;
            if (registry.FindRegion(text, out var alternatives) is not { } division)
            {
                Console.Error.WriteLine(alternatives.Count > 0
                    ? $"“{text}”不唯一 is ambiguous: {string.Join("；", alternatives.Take(10).Select(d => $"{d.Code} {d.FullName}"))}"
                    : $"找不到区划“{text}” no such division.");
                return 1;
            }
            var p = registry.Pin(a.Id, division);
            Console.Out.WriteLine($"{a.Name} → {division.StatisticalCode} {division.FullName}（{p.Kind.ToContractName()}，已固定 pinned）");
            return 0;
        }));
        return command;
    }

    private static Command Unpin()
    {
        var db = ArchiveOptions.Db();
        var agency = new Argument<string>("agency") { Description = "Agency id or any of its names." };
        var command = new Command("unpin", "自动定位 Unpin an agency and place it again from its name and its reports' text.") { agency, db };
        command.SetAction(r => WithStore(r.GetValue(db), store =>
        {
            if (Find(store, r.GetValue(agency)!) is not { } a) return 1;
            var p = new AgencyRegistry(store).Replace(a.Id);
            // Said as `agencies show` says it: placed with its division, or not placed with how many candidates remain.
            Console.Out.WriteLine(p.Status switch
            {
                Nianbao.Regions.Placement.PlacementStatus.Placed => $"{a.Name} → {p.StatisticalCode} {p.RegionPath}（自动定位 placed）",
                Nianbao.Regions.Placement.PlacementStatus.Ambiguous => $"{a.Name}：未能确定，候选 {p.Candidates.Count} 个 ambiguous, {p.Candidates.Count} candidate(s)（agencies show 列出候选）",
                _ => $"{a.Name}：未定位 unplaced（名称与正文都不能确定区划 neither the name nor the text decides a division）",
            });
            return 0;
        }));
        return command;
    }

    private static Command Merge()
    {
        var db = ArchiveOptions.Db();
        var from = new Argument<string>("from") { Description = "The agency that is a variant (id or name)." };
        var into = new Argument<string>("into") { Description = "The agency it is (id or name)." };
        var command = new Command("merge", "合并机关 Merge two agencies: FROM's names and reports become INTO's.") { from, into, db };
        command.SetAction(r => WithStore(r.GetValue(db), store =>
        {
            if (Find(store, r.GetValue(from)!) is not { } a || Find(store, r.GetValue(into)!) is not { } b) return 1;
            if (a.Id == b.Id) { Console.Error.WriteLine($"{a.Name}: 已是同一机关 already one agency."); return 1; }
            store.MergeAgencies(a.Id, b.Id);
            Console.Out.WriteLine($"{a.Name} ⇒ {b.Name}（已合并 merged）");
            return 0;
        }));
        return command;
    }

    private static Command Expect()
    {
        var db = ArchiveOptions.Db();
        var files = new Argument<string[]>("csv") { Description = "CSV files: name, region, level, kind (see docs/regions.md); UTF-8 or GB18030.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("expect", "应报机关 Import the list of agencies reports are expected from (CSV).") { files, db };
        command.SetAction(r => WithStore(r.GetValue(db), store =>
        {
            var registry = new AgencyRegistry(store);
            var placer = registry.Placer;
            var status = 0;
            foreach (var file in r.GetValue(files)!)
            {
                ExpectedAgenciesRead read;
                try { read = ExpectedAgenciesCsv.Read(File.ReadAllBytes(file), file, placer); }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArchiveException)
                {
                    Console.Error.WriteLine(ex is ArchiveException ? ex.Message : $"{file}: 无法读取 cannot be read ({ex.Message}).");
                    status = 1;
                    continue;
                }
                // Matched to the archive's agencies by any name variant or by canonical key (沭阳县政府 for 沭阳县人民政府).
                var n = store.UpsertExpected(read.Agencies.Select(a => a with { AgencyId = registry.MatchExpected(a) }));
                foreach (var p in read.Problems) Console.Error.WriteLine($"{file}:{p.Line}: {p.Problem}");
                Console.Out.WriteLine($"{file}: {n} 个应报机关 expected agencies（未定位 unplaced {read.Agencies.Count(a => a.RegionCode is null)}，有误行 rows refused {read.Problems.Count}）");
                if (read.Problems.Count > 0) status = 1;
            }
            return status;
        }));
        return command;
    }

    private static int WithStore(string? db, Func<ArchiveStore, int> action)
    {
        using var store = ArchiveOptions.TryOpen(db);
        if (store is null) return 2;
        try { return action(store); }
        catch (ArchiveException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    private static AgencyEntry? Find(ArchiveStore store, string idOrName)
    {
        if (store.FindAgencyId(idOrName) is { } id && store.Agency(id) is { } a) return a;
        Console.Error.WriteLine($"{idOrName}: 档案中没有此机关 no such agency in the archive.");
        return null;
    }

    private static string ResolveRegion(ArchiveStore store, string region)
    {
        if (region.All(char.IsAsciiDigit)) return region;
        return new AgencyRegistry(store).FindRegion(region, out var alternatives) is { } d
            ? d.StatisticalCode
            : throw new ArchiveException(alternatives.Count > 0
                ? $"“{region}”不唯一 is ambiguous: {string.Join("；", alternatives.Take(10).Select(x => $"{x.Code} {x.FullName}"))}"
                : $"找不到区划“{region}” no such division.");
    }

    private static string PathOf(string? code) => code is null ? "" : DivisionTree.Shared.Find(code)?.FullName ?? "";

    private static IReadOnlyList<string> Candidates(AgencyEntry a) =>
        a.PlacementCandidates is { Length: > 0 } c ? JsonSerializer.Deserialize<string[]>(c) ?? [] : [];

    private static string Status(AgencyEntry a) => a.PlacementStatus switch
    {
        PlacementStatuses.Placed => a.Pinned ? "[green]placed[/] [blue]pinned[/]" : "[green]placed[/]",
        PlacementStatuses.Ambiguous => $"[yellow]ambiguous[/] ({Candidates(a).Count})",
        _ => "[red]unplaced[/]",
    };

    private static object Json(AgencyEntry a) => new
    {
        id = a.Id, name = a.Name, status = a.PlacementStatus, pinned = a.Pinned, regionCode = a.RegionCode, region = PathOf(a.RegionCode),
        level = a.Level, kind = a.Kind, evidence = a.PlacementNote, candidates = Candidates(a), mergedInto = a.MergedInto,
    };

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
