using System.IO.Compression;
using System.Text;
using Nianbao.Domain;
using Nianbao.Rendering;
using Nianbao.Synthetic;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Nianbao.Robustness.Tests.Support;

/// <summary>Valid documents of every format, made from a generated report with known numbers.</summary>
public static class Samples
{
    public static GeneratedReport Report(int seed = 7, NumberScale scale = NumberScale.Small) =>
        ReportGenerator.Generate(new GenerationSpec(seed, ReportTemplate.Format2021, scale, false));

    public static byte[] Text(GeneratedReport g, TextShape shape = TextShape.Tabs) => TextShapes.Render(g, shape, g.Spec.Seed).Bytes;
    public static byte[] Html(GeneratedReport g) => new HtmlRenderer().Render(g.Truth);
    public static byte[] Docx(GeneratedReport g) => new DocxRenderer().Render(g.Truth);
    public static byte[] Xlsx(GeneratedReport g) => new WorkbookWriter().Write(g.Truth);
    public static byte[] Markdown(GeneratedReport g) => new MarkdownRenderer().Render(g.Truth);

    private static readonly Lazy<byte[]> ChromiumPdf = new(() => new PdfRenderer().Render(Report().Truth));

    /// <summary>The report printed by Chromium (real CJK fonts, ruled tables); made once per run.</summary>
    public static byte[] Pdf() => ChromiumPdf.Value;

    /// <summary>A small two-page PDF with a ruled table of numbers, in a standard font: quick to mutate and read.</summary>
    public static byte[] SmallPdf()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var p = 0; p < 2; p++)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            page.AddText("Table 3", 12, new PdfPoint(50, 780), font);
            var y = 740;
            foreach (var row in new[] { "Natural 12 3 0 1 0 2 18", "Granted 5 1 0 0 0 1 7", "Refused 0 - / 2 0 0 2" })
            {
                var x = 50;
                foreach (var cell in row.Split(' ')) { page.AddText(cell, 10, new PdfPoint(x, y), font); x += 60; }
                page.DrawLine(new PdfPoint(45, y - 4), new PdfPoint(530, y - 4));
                y -= 20;
            }
        }
        return builder.Build();
    }

    /// <summary>A ZIP container with one entry changed by <paramref name="edit"/> (its text, as UTF-8).</summary>
    public static byte[] EditEntry(byte[] container, string entryName, Func<string, string> edit)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(container), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Fastest);
                using var from = entry.Open();
                using var to = copy.Open();
                if (entry.FullName == entryName)
                {
                    using var reader = new StreamReader(from, Encoding.UTF8);
                    var bytes = Encoding.UTF8.GetBytes(edit(reader.ReadToEnd()));
                    to.Write(bytes);
                }
                else from.CopyTo(to);
            }
        }
        return output.ToArray();
    }

    /// <summary>Names of a container's entries.</summary>
    public static IReadOnlyList<string> Entries(byte[] container)
    {
        using var zip = new ZipArchive(new MemoryStream(container), ZipArchiveMode.Read);
        return zip.Entries.Select(e => e.FullName).ToList();
    }
}
