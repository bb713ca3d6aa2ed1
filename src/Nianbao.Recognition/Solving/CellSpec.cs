using Nianbao.Domain.Tables;

namespace Nianbao.Recognition.Solving;

/// <summary>One cell the solver must fill: what kind of number it may hold.</summary>
public readonly record struct CellSpec(ValueKind Kind);

/// <summary>
/// A linear identity among cells: the sum of <see cref="Parts"/> equals <see cref="Total"/>
/// (indices into the cells being solved). The table's own arithmetic, used to split digit runs —
/// never to change a printed number.
/// </summary>
public sealed record SumConstraint(IReadOnlyList<int> Parts, int Total);

/// <summary>One number cut out of a token: the token, where in it, and the value.</summary>
public readonly record struct Piece(int Token, int Offset, int Length, decimal Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
