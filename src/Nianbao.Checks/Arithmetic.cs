namespace Nianbao.Checks;

/// <summary>
/// Why the checks' sums can never overflow. A number read from a document has at most 15 digits
/// (Recognition's DigitRunSolver.MaxDigits), but a report typed in as contract JSON may hold any
/// decimal, and adding two near decimal.MaxValue throws. A value past <see cref="MaxMagnitude"/> is no
/// count or amount of any report; an identity or comparison that involves one is not judged (its
/// cells are still there for the reader to see), so every sum the checks form stays far inside decimal.
/// </summary>
internal static class Arithmetic
{
    /// <summary>10^24: with fewer than 10,000 terms a sum stays below 10^28, inside decimal's ±7.9·10^28.</summary>
    public const decimal MaxMagnitude = 1_000_000_000_000_000_000_000_000m;

    public static bool Judgeable(decimal value) => value is >= -MaxMagnitude and <= MaxMagnitude;

    public static bool Judgeable(params ReadOnlySpan<decimal> values)
    {
        foreach (var v in values)
            if (!Judgeable(v)) return false;
        return true;
    }
}
