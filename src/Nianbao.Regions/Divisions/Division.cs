namespace Nianbao.Regions.Divisions;

/// <summary>
/// One node of the division tree. <see cref="Code"/> is the code as the source prints it for its
/// level (2, 4, 6 or 9 digits); <see cref="StatisticalCode"/> is the 12-digit 统计用区划代码.
/// </summary>
public sealed class Division
{
    private readonly List<Division> children = new();

    internal Division(string code, string name, DivisionLevel level, Division? parent, string stem)
    {
        Code = code;
        Name = name;
        Level = level;
        Parent = parent;
        Stem = stem;
        Suffix = stem.Length < name.Length ? name[stem.Length..] : "";
    }

    public string Code { get; }
    public string Name { get; }
    public DivisionLevel Level { get; }
    public Division? Parent { get; }

    /// <summary>The name without its generic suffix (新县 → 新, 泗店乡 → 泗店, 广西壮族自治区 → 广西).</summary>
    public string Stem { get; }

    /// <summary>What <see cref="Stem"/> left off: 乡, 自治县, 苗族瑶族傣族自治县; "" when nothing.</summary>
    public string Suffix { get; }

    public IReadOnlyList<Division> Children => children;

    public string StatisticalCode => Code.PadRight(12, '0');

    /// <summary>Province first, this node last.</summary>
    public IReadOnlyList<Division> Path
    {
        get
        {
            var path = new List<Division>(4);
            for (var node = this; node is not null; node = node.Parent) path.Add(node);
            path.Reverse();
            return path;
        }
    }

    /// <summary>The names of the path run together, as a Chinese address is written: 河南省信阳市新县泗店乡.</summary>
    public string FullName => string.Concat(Path.Select(d => d.Name));

    public bool IsWithin(Division ancestor)
    {
        for (var node = Parent; node is not null; node = node.Parent)
            if (ReferenceEquals(node, ancestor)) return true;
        return false;
    }

    internal void AddChild(Division child) => children.Add(child);

    public override string ToString() => $"{Code} {FullName}";
}
