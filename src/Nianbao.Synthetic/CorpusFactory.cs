using Nianbao.Domain;

namespace Nianbao.Synthetic;

/// <summary>One generated document with the report it was made from.</summary>
public sealed record GeneratedCase(string Name, byte[] Bytes, TextShape Shape, GeneratedReport Report);

/// <summary>
/// Generated text reports across all shapes, for benchmarks and bulk tests (<c>nianbao bench</c>).
/// Deterministic: the same count and seed give the same files. Shapes rotate so every shape is
/// equally present; half the reports are small (the common township report), a quarter have a
/// deliberately wrong total, a fifth print blank cells or variant section headings.
/// </summary>
public static class CorpusFactory
{
    public static IEnumerable<(string Name, byte[] Bytes)> Generate(int count, int seed) =>
        Cases(count, seed).Select(c => (c.Name, c.Bytes));

    /// <summary>As <see cref="Generate"/>, with the truth each file was made from and its shape.</summary>
    public static IEnumerable<GeneratedCase> Cases(int count, int seed)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
        var random = new Random(seed);
        var shapes = TextShapes.All;
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            var scale = roll < 0.5 ? NumberScale.Small : roll < 0.85 ? NumberScale.Mixed : NumberScale.Large;
            var template = random.NextDouble() < 0.7 ? ReportTemplate.Format2021 : ReportTemplate.Format2019;
            var shape = shapes[i % shapes.Count];
            // Blank cells cannot be printed in run-together text or in rows that lose cells.
            var blanks = shape is not (TextShape.RunTogether or TextShape.LostCells) && random.NextDouble() < 0.2;
            var spec = new GenerationSpec(random.Next(), template, scale, random.NextDouble() < 0.25, blanks, random.NextDouble() < 0.2);
            var report = ReportGenerator.Generate(spec);
            var rendered = TextShapes.Render(report, shape, spec.Seed);
            yield return new GeneratedCase($"{i:D5}-{rendered.FileName}", rendered.Bytes, shape, report);
        }
    }
}
