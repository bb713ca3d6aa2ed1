namespace Nianbao.Recognition.Tables;

/// <summary>
/// Where each statutory table stands in the compact text: [Start, End) per table, -1 when absent.
/// Tables are found by their own vocabulary, in document order, so narrative mentions of the same
/// words before a table do not move it.
/// </summary>
public sealed record TableRegions(int T2Start, int T3Start, int T3End, int T4End)
{
    public bool HasTable2 => T2Start >= 0;
    public bool HasTable3 => T3Start >= 0;
    public bool HasTable4 => T3End >= 0 && T3End < T4End;

    private static readonly string[] Table2Anchors = ["第二十条第", "本年制发件数", "本年新制作数量"];
    private static readonly string[] Table3Anchors = ["勾稽关系", "本年新收", "申请人情况"];
    private static readonly string[] Table3LastRow = ["结转下年度", "下年度继续办理"];
    private static readonly string[] Table4Anchors = ["行政复议", "复议"];
    private static readonly string[] Section5Anchors = ["存在的主要问题", "存在主要问题", "主要问题", "存在问题", "改进情况", "其他需要报告",
        // Some 2025 reports print the fee-collection table (信息处理费收取情况) right after table 四, as a
        // section of its own: its digits end table 四, they never run into it.
        "信息处理费收取情况", "通知收取件数"];

    public static TableRegions Locate(DocumentView view)
    {
        var c = view.Compact;
        var t2 = c.FindFirst(Table2Anchors, 0).Index;
        var t3 = c.FindFirst(Table3Anchors, Math.Max(t2, 0)).Index;
        if (t3 < 0 && t2 >= 0) t3 = c.FindFirst(Table3Anchors, 0).Index;
        var searchT4From = t3 >= 0 ? t3 : Math.Max(t2, 0);
        var last = c.FindFirst(Table3LastRow, searchT4From);
        if (last.Index >= 0) searchT4From = last.Index + last.Key!.Length;
        var t4 = c.FindFirst(Table4Anchors, searchT4From).Index;
        var t4End = t4 >= 0 ? c.FindFirst(Section5Anchors, t4).Index : -1;
        if (t4 >= 0 && t4End < 0) t4End = c.Value.Length;
        return new TableRegions(t2, t3, t4 >= 0 ? t4 : (t3 >= 0 ? c.Value.Length : -1), t4End);
    }
}
