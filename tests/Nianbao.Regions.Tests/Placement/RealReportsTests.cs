using Nianbao.Pipeline;
using Nianbao.Regions.Agencies;
using Nianbao.Regions.Divisions;
using Nianbao.Regions.Placement;

namespace Nianbao.Regions.Tests.Placement;

/// <summary>
/// The seeds and the shared corpus, read by the real pipeline and placed from the recognized agency
/// and the report's own text. Each expected code was looked up by hand in the division data and
/// checked against what the document says about itself (see the comments).
/// </summary>
public class RealReportsTests
{
    private static readonly string Shared = FindShared();

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared");
            if (Directory.Exists(Path.Combine(candidate, "seeds"))) return Path.GetFullPath(candidate);
            candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "seeds"))) return Path.GetFullPath(candidate);
        }
        throw new DirectoryNotFoundException("shared/ (seeds and corpus) not found beside the checkout");
    }

    private static AgencyPlacement PlaceFile(string relative)
    {
        var report = ReportPipeline.Default.ReadFile(Path.Combine(Shared, relative));
        return AgencyPlacer.Default.Place(report);
    }

    [Theory]
    // Title "泗店乡2022年…"; the text names 新县 six times: Henan's 泗店乡, not Shandong's 泗店镇 (370921101).
    [InlineData("seeds/000_3ec678314bae42e2.txt", "411523209", "河南省信阳市新县泗店乡")]
    // 大寨乡 exists in Henan (滑县), Yunnan (金平县 of 红河州) and Gansu (崆峒区); the text names no
    // place, but speaks of 省州县政府: only the Yunnan one lies under a 州.
    [InlineData("seeds/001_5daa97a268f909c6.txt", "532530208", "云南省红河哈尼族彝族自治州金平苗族瑶族傣族自治县大寨乡")]
    // The name spells the county: 睢县白楼乡.
    [InlineData("seeds/002_3b18a393dc797b1b.txt", "411422204", "河南省商丘市睢县白楼乡")]
    // 梁园区水池铺乡: the 乡 has since become 水池铺镇; the county in the name decides.
    [InlineData("seeds/003_145320c53f53a7db.txt", "411402105", "河南省商丘市梁园区水池铺镇")]
    [InlineData("seeds/004_bf7841e87940ab5e.txt", "410727110", "河南省新乡市封丘县居厢镇")]
    [InlineData("corpus/pingtan-county-2012-legacy.txt", "350128", "福建省福州市平潭县")]
    // Printed as 市科委 in the text; the recognizer reads 上海市科委 from the title.
    [InlineData("corpus/shanghai-kewei-2024.md", "31", "上海市")]
    [InlineData("corpus/binary/huaian-2024.pdf", "3208", "江苏省淮安市")]
    [InlineData("corpus/binary/huaian-hongze-2023.pdf", "320813", "江苏省淮安市洪泽区")]
    [InlineData("corpus/binary/huaian-hongze-2024.pdf", "320813", "江苏省淮安市洪泽区")]
    public void Real_reports_are_placed_where_they_belong(string file, string code, string path)
    {
        var p = PlaceFile(file);
        Assert.Equal(PlacementStatus.Placed, p.Status);
        Assert.Equal(code, p.Code);
        Assert.Equal(path, p.RegionPath);
        Assert.NotEmpty(p.Evidence);
    }

    [Fact]
    public void The_sipian_township_is_placed_by_the_text_and_says_so()
    {
        var p = PlaceFile("seeds/000_3ec678314bae42e2.txt");
        Assert.Equal(AgencyKind.Township, p.Kind);
        Assert.Equal(DivisionLevel.Township, p.Level);
        Assert.Contains(p.Evidence, e => e.Kind == EvidenceKind.TextMention && e.Text == "新县" && e.DivisionCode == "411523");
    }

    [Fact]
    public void The_dazhai_township_without_its_text_stays_unplaced_with_all_three_candidates()
    {
        var p = AgencyPlacer.Default.Place("大寨乡人民政府");
        Assert.Equal(PlacementStatus.Ambiguous, p.Status);
        Assert.Null(p.Code);
        // The three 大寨乡 first; then the 大寨镇, 大寨满族乡… a renamed 乡 may have become.
        Assert.Equal(["410526204", "532530208", "620802209"], p.Candidates.Take(3).Select(c => c.Code));
        Assert.All(p.Candidates.Skip(3), c => Assert.Equal("大寨", c.Stem));
    }

    [Theory]
    [InlineData("corpus/shanghai-kewei-2024.md", AgencyKind.Department, "31:科学技术委员会")]
    [InlineData("corpus/binary/huaian-2024.pdf", AgencyKind.Government, "3208:人民政府")]
    [InlineData("corpus/pingtan-county-2012-legacy.txt", AgencyKind.Government, "350128:人民政府")]
    public void Kind_and_key_of_the_corpus_agencies(string file, AgencyKind kind, string key)
    {
        var p = PlaceFile(file);
        Assert.Equal(kind, p.Kind);
        Assert.Equal(key, p.CanonicalKey);
    }

    [Fact]
    public void The_two_hongze_names_are_one_agency()
    {
        Assert.Equal(PlaceFile("corpus/binary/huaian-hongze-2023.pdf").CanonicalKey,
            PlaceFile("corpus/binary/huaian-hongze-2024.pdf").CanonicalKey);
    }

    [Theory]
    [InlineData("corpus/pingtan-2019.txt")]
    [InlineData("corpus/pingtan-2021.txt")]
    public void Pingtan_experimental_zone_is_not_a_division_and_stays_unplaced(string file)
    {
        // 平潭综合实验区 is an administrative zone, not in the statistics code; 平潭县 is listed, not chosen.
        var p = PlaceFile(file);
        Assert.Equal("平潭综合实验区", p.Name.Raw);
        Assert.Equal(PlacementStatus.Ambiguous, p.Status);
        Assert.Contains(p.Candidates, c => c.Code == "350128");
    }
}
