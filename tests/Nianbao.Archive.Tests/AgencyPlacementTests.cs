using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Dapper;
using Nianbao.Archive.Import;
using Nianbao.Pipeline;
using Nianbao.Regions.Placement;
using Nianbao.Synthetic;

namespace Nianbao.Archive.Tests;

/// <summary>
/// Agencies placed on the division map as reports are imported, and the <c>nianbao agencies</c>
/// commands run as a user runs them (the built nianbao.dll in its own process) — on SQLite and PostgreSQL.
/// </summary>
public class AgencyPlacementTests
{
    private static ArchiveImporter Importer(ArchiveStore store) => new(store, ReportPipeline.Default);

    /// <summary>A generated report of <paramref name="agency"/> whose section 一 ends with <paramref name="sentence"/>.</summary>
    private static byte[] Report(string agency, int year, int seed, string sentence = "")
    {
        var g = Series.Generate(agency, year, seed);
        if (sentence.Length > 0)
            g = ReportGenerator.Rebuild(g, r =>
            {
                var one = r.Sections.FindIndex(s => s.Number == 1);
                r.Sections[one] = r.Sections[one] with { Text = r.Sections[one].Text + sentence };
            }, keepAlterations: false);
        return Series.Print(g, null);
    }

    private sealed record Outcome(int ExitCode, string Out, string Error);

    private static Outcome Nianbao(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nianbao.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "nianbao did not finish in 120 s");
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Each_imported_report_places_its_agency(string provider)
    {
        using var archive = TestArchive.Create(provider);
        var sidian = archive.WriteFile("in/sidian.txt", Report("泗店乡", 2022, 11, "在新县县委、县政府的坚强领导下，泗店乡扎实推进政务公开。"));
        var dazhai = archive.WriteFile("in/dazhai.txt", Report("大寨乡人民政府", 2022, 12));
        using var store = archive.Open();
        var summary = Importer(store).Run([sidian, dazhai]);
        Assert.All(summary.Results, r => Assert.NotNull(r.ReportId));

        var placed = store.Agency(store.FindAgencyId("泗店乡")!)!;
        Assert.Equal(PlacementStatuses.Placed, placed.PlacementStatus);
        Assert.Equal("411523209000", placed.RegionCode);
        Assert.Equal("township", placed.Level);
        Assert.Equal("township", placed.Kind);
        Assert.Contains("新县", placed.PlacementNote);
        // The regions table holds the division and its ancestors.
        Assert.Equal("新县", store.Region("411523000000")!.Name);
        Assert.Equal("411523000000", store.Region("411523209000")!.ParentCode);
        Assert.Equal("河南省", store.Region("410000000000")!.Name);
        // --region filters find it by the province.
        Assert.Single(store.ListReports(new ReportFilter { Region = "410000000000" }));

        // Three 大寨乡 in three provinces and a text naming none of them: listed, not chosen.
        var open = store.Agency(store.FindAgencyId("大寨乡人民政府")!)!;
        Assert.Equal(PlacementStatuses.Ambiguous, open.PlacementStatus);
        Assert.Null(open.RegionCode);
        var candidates = JsonSerializer.Deserialize<string[]>(open.PlacementCandidates!)!;
        Assert.Equal(["410526204000", "532530208000", "620802209000"], candidates.Take(3));
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Name_variants_placed_alike_are_one_agency(string provider)
    {
        using var archive = TestArchive.Create(provider);
        var a = archive.WriteFile("in/a.txt", Report("沭阳县人民政府", 2021, 21));
        var b = archive.WriteFile("in/b.txt", Report("沭阳县政府", 2022, 22));
        var c = archive.WriteFile("in/c.txt", Report("沭阳县人民政府办公室", 2022, 23));
        using var store = archive.Open();
        Importer(store).Run([a, b, c]);

        var government = store.FindAgencyId("沭阳县人民政府");
        Assert.Equal(government, store.FindAgencyId("沭阳县政府"));
        Assert.NotEqual(government, store.FindAgencyId("沭阳县人民政府办公室"));
        Assert.Equal(["沭阳县人民政府", "沭阳县政府"], store.NameVariants(government!).Order(StringComparer.Ordinal));
        Assert.Equal(2, store.ListReports(new ReportFilter { Agency = government }).Count);
        var entry = store.Agency(government!)!;
        Assert.Equal("321322000000", entry.RegionCode);
        Assert.Equal("government", entry.Kind);
        Assert.Equal("office", store.Agency(store.FindAgencyId("沭阳县人民政府办公室")!)!.Kind);
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void An_agency_first_unplaced_and_placed_by_a_later_report_is_joined_to_its_namesake(string provider)
    {
        const string Kongtong = "在平凉市崆峒区委、区政府的坚强领导下，大寨乡扎实推进政务公开。";
        using var archive = TestArchive.Create(provider);
        var placed = archive.WriteFile("in/a.txt", Report("大寨乡人民政府", 2022, 51, Kongtong));
        // Three 大寨乡 in three provinces and a text naming none: a second agency, not placed.
        var unplaced = archive.WriteFile("in/b.txt", Report("大寨乡政府", 2021, 52));
        var later = archive.WriteFile("in/c.txt", Report("大寨乡政府", 2023, 53, Kongtong));
        using var store = archive.Open();
        Importer(store).Run([placed]);
        Importer(store).Run([unplaced]);
        var first = store.FindAgencyId("大寨乡人民政府")!;
        var second = store.FindAgencyId("大寨乡政府")!;
        Assert.NotEqual(first, second);
        Assert.Equal(PlacementStatuses.Placed, store.Agency(first)!.PlacementStatus);
        Assert.NotEqual(PlacementStatuses.Placed, store.Agency(second)!.PlacementStatus);

        // Its 2023 report names the district: placed where the first one is, the two are one agency.
        Importer(store).Run([later]);
        Assert.Equal(first, store.FindAgencyId("大寨乡政府"));
        Assert.Equal(first, store.Agency(second)!.MergedInto);
        Assert.Equal([2021, 2022, 2023], store.ListReports(new ReportFilter { Agency = first }).Select(r => r.Year!.Value).Order());
        Assert.Equal("620802209000", store.Agency(first)!.RegionCode);
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Agencies_are_listed_pinned_unpinned_and_merged_from_the_command_line(string provider)
    {
        using var archive = TestArchive.Create(provider);
        var dazhai = archive.WriteFile("in/dazhai.txt", Report("大寨乡人民政府", 2022, 31));
        var sidian = archive.WriteFile("in/sidian.txt", Report("泗店乡", 2022, 32, "新县政务信息公开平台全年发布信息。"));
        var kewei = archive.WriteFile("in/kewei.txt", Report("市科委", 2022, 33, "根据《上海市政府信息公开规定》编制。"));
        using (var store = archive.Open()) Importer(store).Run([dazhai, sidian, kewei]);
        var db = archive.DbOption;

        var unplaced = Nianbao("agencies", "list", "--unplaced", "--json", "--db", db);
        Assert.Equal(0, unplaced.ExitCode);
        using (var json = JsonDocument.Parse(unplaced.Out))
            Assert.Equal(["大寨乡人民政府"], json.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()));

        var henan = Nianbao("agencies", "list", "--region", "河南省", "--json", "--db", db);
        using (var json = JsonDocument.Parse(henan.Out))
            Assert.Equal(["泗店乡"], json.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()));

        // A user who knows: the Gansu one, pinned.
        var pin = Nianbao("agencies", "pin", "大寨乡人民政府", "620802209", "--db", db);
        Assert.Equal(0, pin.ExitCode);
        Assert.Contains("甘肃省平凉市崆峒区大寨乡", pin.Out);
        // A name that is not one division is refused with the alternatives.
        var vague = Nianbao("agencies", "pin", "泗店乡", "朝阳区", "--db", db);
        Assert.Equal(1, vague.ExitCode);
        Assert.Contains("110105", vague.Error);

        // Importing another report of the agency does not move a pinned placement.
        var later = archive.WriteFile("in/dazhai-2023.txt", Report("大寨乡人民政府", 2023, 34, "在滑县县委、县政府领导下"));
        using (var store = archive.Open())
        {
            Importer(store).Run([later]);
            var pinned = store.Agency(store.FindAgencyId("大寨乡人民政府")!)!;
            Assert.True(pinned.Pinned);
            Assert.Equal("620802209000", pinned.RegionCode);
        }

        // Unpinned, it is placed again from its reports' text: the 2023 one names 滑县.
        var unpin = Nianbao("agencies", "unpin", "大寨乡人民政府", "--db", db);
        Assert.Equal(0, unpin.ExitCode);
        using (var store = archive.Open())
            Assert.Equal("410526204000", store.Agency(store.FindAgencyId("大寨乡人民政府")!)!.RegionCode);

        var show = Nianbao("agencies", "show", "市科委", "--json", "--db", db);
        Assert.Equal(0, show.ExitCode);
        using (var json = JsonDocument.Parse(show.Out))
        {
            var a = json.RootElement.GetProperty("agency");
            Assert.Equal("310000000000", a.GetProperty("regionCode").GetString());
            Assert.Equal("department", a.GetProperty("kind").GetString());
        }

        var merge = Nianbao("agencies", "merge", "市科委", "泗店乡", "--db", db);
        Assert.Equal(0, merge.ExitCode);
        using (var store = archive.Open())
            Assert.Equal(store.FindAgencyId("泗店乡"), store.FindAgencyId("市科委"));
        Assert.Equal(1, Nianbao("agencies", "show", "没有这个机关", "--db", db).ExitCode);
    }

    public static TheoryData<string, string> ProvidersAndEncodings()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { "sqlite", "postgres" })
            foreach (var encoding in new[] { "utf-8", "utf-8-bom", "gb18030" })
                data.Add(provider, encoding);
        return data;
    }

    [Theory, MemberData(nameof(ProvidersAndEncodings))]
    public void Expected_agencies_are_imported_from_csv_in_any_usual_encoding(string provider, string encoding)
    {
        using var archive = TestArchive.Create(provider);
        const string csv = """
            机关名称,区划代码,层级,类型
            新县人民政府,411523,,
            泗店乡,,,
            "大寨乡人民政府",620802209000,township,township
            沭阳县发改委,,,
            没有这个地方,999999,,
            """;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = encoding switch
        {
            "utf-8" => new UTF8Encoding(false).GetBytes(csv),
            "utf-8-bom" => [.. new byte[] { 0xEF, 0xBB, 0xBF }, .. new UTF8Encoding(false).GetBytes(csv)],
            _ => Encoding.GetEncoding("GB18030").GetBytes(csv),
        };
        var path = archive.WriteFile("expected.csv", bytes);
        // An agency already in the archive under another name of the same agency.
        var report = archive.WriteFile("in/shuyang.txt", Report("沭阳县发展改革委员会", 2022, 41));
        using (var before = archive.Open()) Importer(before).Run([report]);
        var run = Nianbao("agencies", "expect", path, "--db", archive.DbOption);
        Assert.Equal(1, run.ExitCode); // one row refused, the others imported
        Assert.Contains("999999", run.Error);
        using var store = archive.Open();
        var expected = store.Expected().ToDictionary(e => e.Name);
        Assert.Equal(4, expected.Count);
        Assert.Equal("411523000000", expected["新县人民政府"].RegionCode);
        Assert.Equal("county", expected["新县人民政府"].Level);
        Assert.Equal("government", expected["新县人民政府"].Kind);
        Assert.Equal("411523209000", expected["泗店乡"].RegionCode);
        Assert.Equal("620802209000", expected["大寨乡人民政府"].RegionCode);
        Assert.Equal("321322000000", expected["沭阳县发改委"].RegionCode);
        Assert.Equal("department", expected["沭阳县发改委"].Kind);
        Assert.Equal(store.FindAgencyId("沭阳县发展改革委员会"), expected["沭阳县发改委"].AgencyId);
        Assert.Null(expected["新县人民政府"].AgencyId);
        Assert.Single(store.Expected("411523000000"), e => e.Name == "泗店乡");
    }
}
