using System.IO.Compression;
using System.Text;
using Nianbao.Regions.Divisions;

namespace Nianbao.Regions.Tests.Divisions;

public class DivisionTreeTests
{
    private static readonly DivisionTree Tree = DivisionTree.Shared;

    [Fact]
    public void Holds_every_level_of_the_data_less_the_grouping_nodes()
    {
        // 31 provinces, 342 + 2,978 + 41,352 rows in the package's CSVs; 24 grouping rows are not divisions.
        Assert.Equal(31, Tree.Provinces.Count);
        Assert.Equal(31 + 342 + 2978 + 41352 - 24, Tree.Count);
        Assert.Equal(41352 - 11, Tree.All.Count(d => d.Level == DivisionLevel.Township));
    }

    [Fact]
    public void Every_division_hangs_under_the_division_its_code_begins_with()
    {
        foreach (var d in Tree.All)
        {
            if (d.Level == DivisionLevel.Province) { Assert.Null(d.Parent); continue; }
            Assert.NotNull(d.Parent);
            Assert.StartsWith(d.Parent!.Code, d.Code);
            Assert.True(d.Parent.Level < d.Level);
            Assert.Contains(d, d.Parent.Children);
        }
    }

    [Theory]
    [InlineData("411523209", "河南省信阳市新县泗店乡", DivisionLevel.Township)]
    [InlineData("370921101", "山东省泰安市宁阳县泗店镇", DivisionLevel.Township)]
    // Municipalities: 市辖区 is skipped, the district hangs on the municipality.
    [InlineData("110101", "北京市东城区", DivisionLevel.County)]
    // A county under the province (省直辖县级行政区划 skipped).
    [InlineData("419001", "河南省济源市", DivisionLevel.County)]
    // A city without counties: its streets hang on the city (the county 东莞市 441900 is skipped).
    [InlineData("441900003", "广东省东莞市东城街道", DivisionLevel.Township)]
    [InlineData("31", "上海市", DivisionLevel.Province)]
    public void Paths_are_written_as_addresses_are(string code, string fullName, DivisionLevel level)
    {
        var d = Tree.Find(code);
        Assert.NotNull(d);
        Assert.Equal(fullName, d!.FullName);
        Assert.Equal(level, d.Level);
    }

    [Fact]
    public void Codes_are_found_short_or_in_the_twelve_digit_form()
    {
        Assert.Equal("泗店乡", Tree.Find("411523209000")!.Name);
        Assert.Equal("411523209000", Tree.Find("411523209")!.StatisticalCode);
        Assert.Equal("河南省", Tree.Find("410000000000")!.Name);
        Assert.Null(Tree.Find("441900"));
        Assert.Null(Tree.Find("999999"));
    }

    [Theory]
    [InlineData("广西壮族自治区", DivisionLevel.Province, "广西")]
    [InlineData("新疆维吾尔自治区", DivisionLevel.Province, "新疆")]
    [InlineData("内蒙古自治区", DivisionLevel.Province, "内蒙古")]
    [InlineData("黔东南苗族侗族自治州", DivisionLevel.City, "黔东南")]
    [InlineData("金平苗族瑶族傣族自治县", DivisionLevel.County, "金平")]
    [InlineData("新县", DivisionLevel.County, "新")]
    [InlineData("漓东街道办事处", DivisionLevel.Township, "漓东")]
    [InlineData("东华门街道", DivisionLevel.Township, "东华门")]
    [InlineData("贡宝拉格苏木", DivisionLevel.Township, "贡宝拉格")]
    [InlineData("洪泽湖农场", DivisionLevel.Township, "洪泽湖农场")]
    public void Stems_drop_the_level_suffix_and_ethnic_names(string name, DivisionLevel level, string stem) =>
        Assert.Equal(stem, RegionNames.Stem(name, level));

    [Fact]
    public void Same_named_divisions_are_all_found()
    {
        Assert.Equal(["410526204", "532530208", "620802209"], Tree.WithName("大寨乡").Select(d => d.Code).Order());
        Assert.Equal(["110105", "220104"], Tree.WithName("朝阳区").Select(d => d.Code).Order());
    }

    [Fact]
    public void A_tree_loads_from_any_stream_of_code_tab_name_lines()
    {
        var tsv = "41\t河南省\n4115\t信阳市\n411523\t新县\n411523209\t泗店乡\n";
        var tree = DivisionTree.Load(new MemoryStream(Encoding.UTF8.GetBytes(tsv)));
        Assert.Equal(4, tree.Count);
        Assert.Equal("河南省信阳市新县泗店乡", tree.Find("411523209")!.FullName);
    }

    [Fact]
    public void A_malformed_line_is_named_in_the_error()
    {
        var ex = Assert.Throws<InvalidDataException>(() => DivisionTree.Load(new MemoryStream(Encoding.UTF8.GetBytes("41 河南省\n"))));
        Assert.Contains("41 河南省", ex.Message);
    }

    [Fact]
    public void The_embedded_data_matches_its_documented_shape()
    {
        using var s = typeof(DivisionTree).Assembly.GetManifestResourceStream("Nianbao.Regions.divisions.tsv.gz")!;
        using var reader = new StreamReader(new GZipStream(s, CompressionMode.Decompress), Encoding.UTF8);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(44703, lines.Length);
        Assert.Equal("11\t北京市", lines[0]);
        Assert.All(lines, l => Assert.Matches(@"^(\d{2}|\d{4}|\d{6}|\d{9})\t\S+$", l));
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
    }
}
