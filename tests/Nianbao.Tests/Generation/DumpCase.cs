using Nianbao.Domain;

namespace Nianbao.Tests.Generation;

/// <summary>Writes one generated case to disk when NIANBAO_DUMP="seed,template,scale,inconsistent,blanks,shape" is set (debugging aid).</summary>
public class DumpCase
{
    [Fact]
    public void Dump()
    {
        var spec = Environment.GetEnvironmentVariable("NIANBAO_DUMP");
        if (spec is null) return;
        var p = spec.Split(',');
        var g = ReportGenerator.Generate(new GenerationSpec(int.Parse(p[0]), p[1] == "2019" ? ReportTemplate.Format2019 : ReportTemplate.Format2021,
            Enum.Parse<NumberScale>(p[2]), bool.Parse(p[3]), bool.Parse(p[4])));
        var r = TextShapes.Render(g, Enum.Parse<TextShape>(p[5]), int.Parse(p[0]));
        File.WriteAllBytes("/tmp/case-" + r.FileName, r.Bytes);
        File.WriteAllText("/tmp/case-truth.json", Nianbao.Domain.Contract.ReportJson.Serialize(g.Truth));
    }
}
