using System.Net;
using System.Text;
using Nianbao.Documents.Text;

namespace Nianbao.Tests.Documents.Formats;

public enum HtmlStyle
{
    /// <summary>Clean markup as a CMS publishes it: th/td with rowspan/colspan.</summary>
    Official,
    /// <summary>Word's "save as web page" pasted into a CMS: p/span/font in every cell, o:p, &amp;nbsp; blanks, a layout table around it.</summary>
    WordPasted,
}

/// <summary>Renders generated report blocks as a saved government web page.</summary>
public static class HtmlReportWriter
{
    public static string Write(IReadOnlyList<Block> blocks, HtmlStyle style, string? charset = "utf-8")
    {
        var sb = new StringBuilder();
        var word = style == HtmlStyle.WordPasted;
        sb.Append(word
            ? "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\">\n"
            : "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n");
        sb.Append("<head>\n");
        if (charset is not null)
            sb.Append(word ? $"<meta http-equiv=Content-Type content=\"text/html; charset={charset}\">\n" : $"<meta charset=\"{charset}\">\n");
        sb.Append("<title>政府信息公开工作年度报告</title>\n");
        sb.Append("<style>td{border:1px solid #000} .nav{display:block}</style>\n<script>var x = '<p>not text</p>';</script>\n");
        if (word) sb.Append("<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->\n");
        sb.Append("</head>\n<body>\n");
        sb.Append("<div class=\"nav\"><a href=\"/\">首页</a> | <a href=\"/gk\">政务公开</a></div>\n");
        sb.Append("<div style=\"display:none\">隐藏的统计代码 99999</div>\n");
        if (word)
        {
            // The page template puts the article into a layout table next to a menu column.
            sb.Append("<table width=\"100%\"><tr><td class=\"menu\"><ul><li>机构概况</li><li>政策文件</li></ul></td><td class=\"article\">\n");
        }
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading h:
                    sb.Append(word ? $"<p class=MsoNormal><b><span style='font-family:黑体'>{E(h.Text)}</span></b></p>\n" : $"<h3>{E(h.Text)}</h3>\n");
                    break;
                case Paragraph p:
                    sb.Append(word
                        ? $"<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt;font-family:仿宋_GB2312'>{E(p.Text)}<o:p></o:p></span></p>\n"
                        : $"<p>{E(p.Text)}</p>\n");
                    break;
                case TableBlock t:
                    Table(sb, t.Layout, word);
                    break;
            }
        }
        if (word) sb.Append("</td></tr></table>\n");
        sb.Append("<div class=\"footer\"><p>主办单位：某某县人民政府办公室</p><p>网站标识码：1234567890<br>备案号：京ICP备00000000号</p></div>\n");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    public static byte[] Encode(string html, bool gbk) => gbk ? TextDecoder.Gb18030.GetBytes(html) : Encoding.UTF8.GetBytes(html);

    private static void Table(StringBuilder sb, TableLayout layout, bool word)
    {
        sb.Append(word
            ? "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>\n"
            : "<table border=\"1\" class=\"report-table\">\n<tbody>\n");
        for (var y = 0; y < layout.Rows.Count; y++)
        {
            sb.Append(word ? "<tr style='height:20.0pt'>\n" : "<tr>");
            foreach (var cell in layout.Rows[y].Cells)
            {
                var tag = !word && cell.Path is null && y < 3 ? "th" : "td";
                sb.Append('<').Append(tag);
                if (cell.ColSpan > 1) sb.Append(word ? $" colspan={cell.ColSpan}" : $" colspan=\"{cell.ColSpan}\"");
                if (cell.RowSpan > 1) sb.Append(word ? $" rowspan={cell.RowSpan}" : $" rowspan=\"{cell.RowSpan}\"");
                if (word) sb.Append(" width=47 valign=top style='width:35.4pt;border:solid windowtext 1.0pt'");
                sb.Append('>');
                if (word)
                {
                    sb.Append(cell.Text.Length == 0
                        ? "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US>&nbsp;<o:p></o:p></span></p>"
                        : $"<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US style='font-size:10.5pt'><font face=\"宋体\">{E(cell.Text)}</font><o:p></o:p></span></p>");
                }
                else sb.Append(E(cell.Text));
                sb.Append("</").Append(tag).Append('>');
                if (word) sb.Append('\n');
            }
            sb.Append("</tr>\n");
        }
        if (word)
        {
            // Word ends its tables with a zero-height row of empty cells that fixes the column widths.
            sb.Append("<![if !supportMisalignedColumns]>\n<tr height=0>\n");
            for (var x = 0; x < layout.Width; x++) sb.Append("<td width=47 style='border:none'></td>\n");
            sb.Append("</tr>\n<![endif]>\n");
        }
        sb.Append(word ? "</table>\n" : "</tbody>\n</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
