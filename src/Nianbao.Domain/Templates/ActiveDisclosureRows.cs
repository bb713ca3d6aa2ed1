using Nianbao.Domain.Tables;

namespace Nianbao.Domain.Templates;

/// <summary>Table 二 as each template prints it; the two templates differ most here.</summary>
public static class ActiveDisclosureRows
{
    private const string Item1 = "第二十条第（一）项";
    private const string Item5 = "第二十条第（五）项";
    private const string Item6 = "第二十条第（六）项";
    private const string Item8 = "第二十条第（八）项";
    private const string Item9 = "第二十条第（九）项";

    private static readonly FieldSchema[] DocumentFields2021 =
        [new("issued", "本年制发件数"), new("repealed", "本年废止件数"), new("inForce", "现行有效件数")];

    private static readonly FieldSchema[] Decisions2021 = [new("decisions", "本年处理决定数量")];

    public static readonly IReadOnlyList<RowSchema> Format2021 =
    [
        new("regulations", "规章", DocumentFields2021, ["规章"]) { Group = Item1 },
        new("normativeDocuments", "行政规范性文件", DocumentFields2021, ["规范性文件"]) { Group = Item1 },
        new("licensing", "行政许可", Decisions2021, ["行政许可"]) { Group = Item5 },
        new("punishment", "行政处罚", Decisions2021, ["行政处罚"]) { Group = Item6 },
        new("coercion", "行政强制", Decisions2021, ["行政强制"]) { Group = Item6 },
        new("fees", "行政事业性收费", [new("amountWanYuan", "本年收费金额（单位：万元）", ValueKind.Money)], ["事业性收费"]) { Group = Item8 },
    ];

    private static readonly FieldSchema[] DocumentFields2019 =
        [new("made", "本年新制作数量"), new("published", "本年新公开数量"), new("totalPublished", "对外公开总数量")];

    private static readonly FieldSchema[] Items2019 =
        [new("previousItems", "上一年项目数量"), new("change", "本年增/减", ValueKind.SignedCount), new("decisions", "处理决定数量")];

    public static readonly IReadOnlyList<RowSchema> Format2019 =
    [
        new("regulations", "规章", DocumentFields2019, ["规章"]) { Group = Item1 },
        new("normativeDocuments", "规范性文件", DocumentFields2019, ["规范性文件"]) { Group = Item1 },
        new("licensing", "行政许可", Items2019, ["行政许可"]) { Group = Item5 },
        new("otherServices", "其他对外管理服务事项", Items2019, ["对外管理服务"]) { Group = Item5 },
        new("punishment", "行政处罚", Items2019, ["行政处罚"]) { Group = Item6 },
        new("coercion", "行政强制", Items2019, ["行政强制"]) { Group = Item6 },
        new("fees", "行政事业性收费", [new("previousItems", "上一年项目数量"), new("change", "本年增/减", ValueKind.SignedCount)], ["事业性收费"]) { Group = Item8 },
        new("procurement", "政府集中采购", [new("projects", "采购项目数量"), new("amount", "采购总金额", ValueKind.Money) { UnitKey = "amountUnit" }], ["集中采购"]) { Group = Item9 },
    ];
}
