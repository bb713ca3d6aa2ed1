using Nianbao.Documents.Model;

namespace Nianbao.Recognition.Text;

/// <summary>
/// A run of digits (or a blank cell marker) as printed, with where it stands. A token is what the
/// document shows between separators; whether it is one number or several run together is for
/// the solver to decide.
/// </summary>
public sealed record NumberToken(int Start, int Length, string Text, DocLine Line, DocCell Cell)
{
    /// <summary>A cell of a real table that is empty or marked "-", "/", "—" or "无": a blank, not 0.</summary>
    public bool IsBlank { get; init; }

    /// <summary>True when the digits carry thousands separators and so are certainly one number.</summary>
    public bool IsGrouped => Text.Contains(',');

    public override string ToString() => IsBlank ? "∅" : Text;
}
