using System.Text;

namespace Nianbao.Documents.Tables;

/// <summary>Joins the lines of text inside one table cell into the cell's single line of text.</summary>
public static class CellLines
{
    /// <summary>No space between two CJK characters (a line break in Chinese is not a word break); one space otherwise.</summary>
    public static string Join(IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (sb.Length > 0 && !(IsCjk(sb[^1]) && IsCjk(line[0]))) sb.Append(' ');
            sb.Append(line);
        }
        return sb.ToString();
    }

    public static bool IsCjk(char c) => c is (>= '\u2E80' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF00' and <= '\uFFEF');
}
