using System.Net;
using System.Text;

namespace Nianbao.Tests.Documents.Pdf;

/// <summary>
/// One table row of the generated report: the label as printed and the cells as printed after the
/// label ("-" is a printed blank, "" an empty cell).
/// </summary>
public sealed record GeneratedRow(string Label, string Key, IReadOnlyList<string> Cells, int Page);

/// <summary>
/// A report laid out like the published ones, with random non-zero numbers (totals deliberately not
/// adding up): a heading in fake bold (text-shadow: every glyph printed twice); table 二 on page 1; table 三 with a vertical label (one character per line), a
/// wrapped label, a row-spanning group label, broken across pages 1–2 by CSS page-break-before;
/// table 四 as one row of 15 numbers; a running header and a "-N-" page-number footer on every page
/// (CSS page margin boxes); a page of Kangxi radicals;
/// and a last page holding only an image.
/// </summary>
public sealed class GeneratedPdfReport
{
    public const string Title = "测试市人民政府2024年政府信息公开工作年度报告";
    /// <summary>A running header (top right of every page); the footer is the page number "-N-".</summary>
    public const string Header = "测试市人民政府办公室 政务公开专刊";
    /// <summary>
    /// Kangxi radicals as printed (U+2F06 U+2F2F U+2F08 U+2F24 U+2F1D) and what they mean. Chromium
    /// draws them as .notdef with /ActualText, except the first of a run, which gets no text at all;
    /// so the page prints a sacrificial ⼗ before them.
    /// </summary>
    public const string KangxiPrinted = "⼆⼯⼈⼤⼝";
    public const string KangxiNormalized = "二工人大口";

    public List<GeneratedRow> ActiveRows { get; } = new();
    public List<GeneratedRow> ApplicationRows { get; } = new();
    public GeneratedRow Reviews { get; }

    public GeneratedPdfReport(int seed)
    {
        var random = new Random(seed);
        string N() => random.Next(1, 100_000).ToString();
        ActiveRows.Add(new("规章", "规章", [N(), N(), N()], 1));
        ActiveRows.Add(new("行政规范性文件", "行政规范性文件", [N(), N(), N()], 1));
        string[] Seven(bool dash = false, bool empty = false)
        {
            var cells = Enumerable.Range(0, 7).Select(_ => N()).ToArray();
            if (dash) cells[3] = "-";
            if (empty) cells[5] = "";
            return cells;
        }
        ApplicationRows.Add(new("一、本年新收政府信息公开申请数量", "本年新收", Seven(), 1));
        ApplicationRows.Add(new("（一）予以公开", "予以公开", Seven(), 1));
        ApplicationRows.Add(new("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开", Seven(), 1));
        ApplicationRows.Add(new("1.属于国家秘密", "属于国家秘密", Seven(), 1));
        ApplicationRows.Add(new("2.其他法律行政法规禁止公开", "禁止公开", Seven(dash: true), 1));
        ApplicationRows.Add(new("3.危及“三安全一稳定”", "三安全一稳定", Seven(), 1));
        // Page 2: the table goes on after the page break.
        ApplicationRows.Add(new("1.本机关不掌握相关政府信息", "本机关不掌握", Seven(), 2));
        ApplicationRows.Add(new("2.没有现成信息需要另行制作", "没有现成信息", Seven(), 2));
        ApplicationRows.Add(new("（七）总计", "总计", Seven(empty: true), 2));
        ApplicationRows.Add(new("四、结转下年度继续办理", "结转下年度", Seven(), 2));
        Reviews = new("", "", Enumerable.Range(0, 15).Select(_ => N()).ToArray(), 2);
    }

    public string ToHtml()
    {
        var h = new StringBuilder();
        h.Append($$"""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{Title}}</title><style>
            @page { size: A4; margin: 22mm 15mm 25mm 15mm;
              @top-right { content: "{{Header}}"; font-family: "WenQuanYi Micro Hei"; font-size: 9pt; }
              @bottom-center { content: "-" counter(page) "-"; font-family: "WenQuanYi Micro Hei"; font-size: 11pt; } }
            body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 11pt; margin: 0; }
            p { text-indent: 2em; margin: 0 0 4pt 0; line-height: 1.5; }
            h1 { font-size: 16pt; text-align: center; }
            h2 { font-size: 13pt; margin: 10pt 0 6pt 0; }
            table { border-collapse: collapse; width: 100%; margin-bottom: 8pt; }
            td, th { border: 0.6pt solid #000; padding: 2pt 2pt; font-size: 8pt; text-align: center; font-weight: normal; }
            td.label { text-align: left; }
            td.vertical { width: 1.1em; padding: 2pt; word-break: break-all; line-height: 1.6; }
            td.narrow { width: 26mm; }
            .page { break-before: page; }
            </style></head><body>
            <h1>{{Title}}</h1>
            <p>本报告由测试市人民政府办公室根据《中华人民共和国政府信息公开条例》编制。报告中所列数据统计期限自2024年1月1日起至2024年12月31日止。</p>
            <h2 style="text-shadow: 0.4pt 0 0 #000">二、主动公开政府信息情况</h2>
            <table><tr><th colspan="4">第二十条第（一）项</th></tr>
            <tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr>
            """);
        foreach (var r in ActiveRows) Row(h, $"<td class=\"label\">{E(r.Label)}</td>", r.Cells);
        h.Append("""
            </table>
            <h2>三、收到和处理政府信息公开申请情况</h2>
            <table>
            <tr><th colspan="3" rowspan="2">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th colspan="7">申请人情况</th></tr>
            <tr><th>自然人</th><th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th><th>总计</th></tr>
            """);
        var a = ApplicationRows;
        Row(h, $"<td class=\"label\" colspan=\"3\">{E(a[0].Label)}</td>", a[0].Cells);
        Row(h, $"<td class=\"vertical\" rowspan=\"5\">三、本年度办理结果</td><td class=\"label\" colspan=\"2\">{E(a[1].Label)}</td>", a[1].Cells);
        Row(h, $"<td class=\"label narrow\" colspan=\"2\">{E(a[2].Label)}</td>", a[2].Cells);
        Row(h, $"<td class=\"label\" rowspan=\"3\">（三）不予公开</td><td class=\"label\">{E(a[3].Label)}</td>", a[3].Cells);
        Row(h, $"<td class=\"label\">{E(a[4].Label)}</td>", a[4].Cells);
        Row(h, $"<td class=\"label\">{E(a[5].Label)}</td>", a[5].Cells);
        Row(h, $"<td class=\"vertical\" rowspan=\"3\">续表</td><td class=\"label\" rowspan=\"2\">（四）无法提供</td><td class=\"label\">{E(a[6].Label)}</td>", a[6].Cells, "style=\"break-before: page\"");
        Row(h, $"<td class=\"label\">{E(a[7].Label)}</td>", a[7].Cells);
        Row(h, $"<td class=\"label\" colspan=\"2\">{E(a[8].Label)}</td>", a[8].Cells);
        Row(h, $"<td class=\"label\" colspan=\"3\">{E(a[9].Label)}</td>", a[9].Cells);
        h.Append("""
            </table>
            <h2>四、政府信息公开行政复议、行政诉讼情况</h2>
            <table>
            <tr><th colspan="5" rowspan="2">行政复议</th><th colspan="10">行政诉讼</th></tr>
            <tr><th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr>
            <tr>
            """);
        for (var i = 0; i < 3; i++) h.Append("<th>结果维持</th><th>结果纠正</th><th>其他结果</th><th>尚未审结</th><th>总计</th>");
        h.Append("</tr>");
        Row(h, "", Reviews.Cells);
        h.Append($"""
            </table>
            <div class="page"><h2>五、康熙部首页</h2><p>部首：⼗{KangxiPrinted}</p></div>
            <div class="page"><img src="data:image/bmp;base64,{Convert.ToBase64String(NoiseBitmap(160, 120, 7))}" style="width:120mm"></div>
            </body></html>
            """);
        return h.ToString();
    }

    private static void Row(StringBuilder h, string labels, IReadOnlyList<string> cells, string attributes = "")
    {
        h.Append("<tr").Append(attributes.Length > 0 ? " " + attributes : "").Append('>').Append(labels);
        foreach (var c in cells) h.Append("<td>").Append(E(c)).Append("</td>");
        h.Append("</tr>\n");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>A 24-bit BMP of noise, so the printed page holds a real raster image (a scan stand-in).</summary>
    public static byte[] NoiseBitmap(int width, int height, int seed)
    {
        var random = new Random(seed);
        var stride = (width * 3 + 3) & ~3;
        var size = 54 + stride * height;
        var b = new byte[size];
        b[0] = (byte)'B'; b[1] = (byte)'M';
        BitConverter.TryWriteBytes(b.AsSpan(2), size);
        BitConverter.TryWriteBytes(b.AsSpan(10), 54);
        BitConverter.TryWriteBytes(b.AsSpan(14), 40);
        BitConverter.TryWriteBytes(b.AsSpan(18), width);
        BitConverter.TryWriteBytes(b.AsSpan(22), height);
        BitConverter.TryWriteBytes(b.AsSpan(26), (short)1);
        BitConverter.TryWriteBytes(b.AsSpan(28), (short)24);
        BitConverter.TryWriteBytes(b.AsSpan(34), stride * height);
        for (var y = 0; y < height; y++)
            random.NextBytes(b.AsSpan(54 + y * stride, width * 3));
        return b;
    }
}
