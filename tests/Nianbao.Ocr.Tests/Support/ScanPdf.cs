using System.Globalization;
using System.Text;

namespace Nianbao.Ocr.Tests.Support;

/// <summary>
/// An image-only PDF, as a scanner writes one: each page a single JPEG (DCTDecode) drawn over the
/// whole page, no text layer. Written directly so the test controls every byte the reader sees.
/// </summary>
internal static class ScanPdf
{
    public static byte[] Write(IReadOnlyList<(byte[] Jpeg, int Width, int Height, double Dpi)> pages)
    {
        var objects = new List<byte[]>();
        var pageIds = new List<int>();
        // 1: catalog, 2: pages; then per page: page, content, image.
        var next = 3;
        var bodies = new Dictionary<int, byte[]>();
        foreach (var (jpeg, w, h, dpi) in pages)
        {
            int page = next++, content = next++, image = next++;
            pageIds.Add(page);
            var pw = (w * 72.0 / dpi).ToString("F2", CultureInfo.InvariantCulture);
            var ph = (h * 72.0 / dpi).ToString("F2", CultureInfo.InvariantCulture);
            bodies[page] = Encoding.ASCII.GetBytes($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw} {ph}] /Resources << /XObject << /Im0 {image} 0 R >> >> /Contents {content} 0 R >>");
            var ops = Encoding.ASCII.GetBytes($"q {pw} 0 0 {ph} 0 0 cm /Im0 Do Q");
            bodies[content] = Stream($"<< /Length {ops.Length} >>", ops);
            bodies[image] = Stream($"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length {jpeg.Length} >>", jpeg);
        }
        bodies[1] = Encoding.ASCII.GetBytes("<< /Type /Catalog /Pages 2 0 R >>");
        bodies[2] = Encoding.ASCII.GetBytes($"<< /Type /Pages /Kids [{string.Join(" ", pageIds.Select(i => $"{i} 0 R"))}] /Count {pageIds.Count} >>");
        using var pdf = new MemoryStream();
        void Put(string s) => pdf.Write(Encoding.ASCII.GetBytes(s));
        Put("%PDF-1.4\n%\u00e2\u00e3\n");
        var offsets = new long[next];
        for (var id = 1; id < next; id++)
        {
            offsets[id] = pdf.Position;
            Put($"{id} 0 obj\n");
            pdf.Write(bodies[id]);
            Put("\nendobj\n");
        }
        var xref = pdf.Position;
        Put($"xref\n0 {next}\n0000000000 65535 f \n");
        for (var id = 1; id < next; id++) Put($"{offsets[id]:D10} 00000 n \n");
        Put($"trailer\n<< /Size {next} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static byte[] Stream(string dictionary, byte[] data)
    {
        var head = Encoding.ASCII.GetBytes(dictionary + "\nstream\n");
        var tail = Encoding.ASCII.GetBytes("\nendstream");
        return [.. head, .. data, .. tail];
    }
}
