using Nianbao.Domain;
using Xunit.Abstractions;

namespace Nianbao.Tests.Generation;

public class ExploreShapes(ITestOutputHelper output)
{
    [Fact]
    public void Explore()
    {
        foreach (var shape in TextShapes.All)
        {
            var failing = 0;
            string? first = null;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (var seed = 1; seed <= 20; seed++)
            {
                var spec = new GenerationSpec(seed, seed % 2 == 0 ? ReportTemplate.Format2021 : ReportTemplate.Format2019, (NumberScale)(seed % 3), seed % 4 == 0);
                var g = ReportGenerator.Generate(spec);
                var r = TextShapes.Render(g, shape, seed);
                var o = shape switch
                {
                    TextShape.RunTogether => ShapeChecks.NeverWrong(g, r),
                    TextShape.LostCells => ShapeChecks.LostCells(g, r),
                    _ => ShapeChecks.Exact(g, r),
                };
                if (o.Problems.Count > 0) { failing++; first ??= o.Describe(1500); }
            }
            output.WriteLine($"{shape}: {failing}/20 failing, {watch.ElapsedMilliseconds} ms");
            if (first is not null) output.WriteLine(first);
        }
    }
}
