using System.Globalization;
using Nianbao.Documents.Model;
using Nianbao.Domain;

namespace Nianbao.Robustness.Tests.Support;

/// <summary>"A number we report is in the document at the place we say", checked digit for digit.</summary>
public static class Provenance
{
    public static void AssertEveryNumberIsInTheDocument(Report report, SourceDocument document)
    {
        foreach (var table in report.Tables)
            foreach (var (path, value) in table.Cells())
            {
                if (value is not { } v) continue;
                Assert.True(report.Provenance.TryGetValue(path, out var source), $"{path} = {v} has no provenance");
                Assert.True(source!.Start >= 0 && source.Start + source.Length <= document.Text.Value.Length, $"{path}: provenance {source.Start}+{source.Length} is outside the document");
                var there = document.Text.Value.Substring(source.Start, source.Length);
                Assert.Equal(source.Text, there);
                Assert.True(Digits(there) == Digits(v.ToString(CultureInfo.InvariantCulture)),
                    $"{path} = {v} but the document prints \"{there}\" at {source.Start}");
            }
    }

    /// <summary>The digits of a printed number, without grouping, sign and a decimal point's trailing zeros' difference.</summary>
    private static string Digits(string text)
    {
        var s = text.Replace(",", "", StringComparison.Ordinal).TrimStart('+', '-');
        if (s.Contains('.')) s = s.TrimEnd('0').TrimEnd('.');
        return new string(s.Where(char.IsAsciiDigit).ToArray());
    }
}
