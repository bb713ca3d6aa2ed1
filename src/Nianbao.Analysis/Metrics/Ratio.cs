using System.Numerics;
using Fractions;

namespace Nianbao.Analysis.Metrics;

/// <summary>Exact fractions of decimal sums and their rounded percentages.</summary>
public static class Ratio
{
    /// <summary>numerator / denominator exactly, reduced; the caller has excluded a zero denominator.</summary>
    public static Fraction Of(decimal numerator, decimal denominator) =>
        (Fraction.FromDecimal(numerator) / Fraction.FromDecimal(denominator)).Reduce();

    /// <summary>value × 100 rounded half away from zero to <paramref name="decimals"/> places.</summary>
    public static decimal Percent(Fraction value, int decimals = 2) =>
        Fraction.Round(value * new Fraction(100), decimals, MidpointRounding.AwayFromZero).ToDecimal();

    /// <summary>"3/4", "-1/20", "0", "2": the exact value as users can type it into a spreadsheet.</summary>
    public static string Text(Fraction value)
    {
        var reduced = value.Reduce();
        var numerator = reduced.Numerator;
        var denominator = reduced.Denominator;
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        return denominator.IsOne ? numerator.ToString() : $"{numerator}/{denominator}";
    }

    public static BigInteger NumeratorOf(Fraction value) => value.Reduce().Numerator;
}
