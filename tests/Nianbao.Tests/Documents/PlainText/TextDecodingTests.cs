using System.Text;
using Nianbao.Documents;
using Nianbao.Documents.Model;
using Nianbao.Documents.Text;

namespace Nianbao.Tests.Documents.PlainText;

public class TextDecodingTests
{
    private const string Sample = "一、总体情况\n本年新收政府信息公开申请数量\t12\t0\n";

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le-bom")]
    [InlineData("utf-16be-bom")]
    [InlineData("gb18030")]
    public void Decodes_every_encoding_reports_arrive_in(string encoding)
    {
        var bytes = encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(Sample),
            "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Sample)],
            "utf-16le-bom" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Sample)],
            "utf-16be-bom" => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Sample)],
            _ => TextDecoder.Gb18030.GetBytes(Sample),
        };
        var decoded = TextDecoder.TryDecode(bytes);
        Assert.NotNull(decoded);
        Assert.Equal(Sample, decoded!.Text);
    }

    [Fact]
    public void Gbk_labels_decode_as_gb18030() =>
        Assert.Equal("gb18030", TextDecoder.ResolveCharset("GB2312")!.WebName);

    [Fact]
    public void Binary_data_is_a_clear_error_naming_the_file()
    {
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3 };
        var ex = Assert.Throws<DocumentReadException>(() => DocumentReaders.Default.Read(bytes, "scan.png"));
        Assert.Contains("scan.png", ex.Message);
    }

    [Fact]
    public void Kangxi_radicals_full_width_forms_and_odd_spaces_are_normalized_with_a_map_to_the_raw_text()
    {
        var raw = "⼀、总体情况\u3000（１２）\u00A0⾏政许可 ①";
        var text = TextNormalizer.Normalize(raw);
        Assert.Equal("一、总体情况 (12) 行政许可 ①", text.Value);
        var i = text.Value.IndexOf("12", StringComparison.Ordinal);
        Assert.Equal("１２", text.RawSlice(i, 2));
        Assert.Equal(raw, text.Raw);
    }

    [Fact]
    public void Simplified_forms_for_radicals_that_NFKC_maps_to_traditional()
    {
        Assert.Equal("门户", TextNormalizer.Normalize("⻔⼾").Value);
        Assert.Equal("意见", TextNormalizer.Normalize("意⻅").Value);
    }
}
